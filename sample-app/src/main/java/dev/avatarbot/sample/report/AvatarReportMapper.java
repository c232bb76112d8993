package dev.avatarbot.sample.report;

import java.util.List;

import org.apache.ibatis.annotations.Param;

/**
 * The service's own mapper, beside schema-lib's: a report over avatars and their photos. Its build
 * proves it against the schema with {@code schema:check-mappers} (see this module's pom.xml).
 */
public interface AvatarReportMapper {

    /** A user's avatars, oldest first, each with its photo count and first photo; only those in {@code status} when given. */
    List<AvatarReportRow> avatarsOf(@Param("userId") long userId, @Param("status") String status);
}
