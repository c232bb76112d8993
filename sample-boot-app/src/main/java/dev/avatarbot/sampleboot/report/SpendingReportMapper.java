package dev.avatarbot.sampleboot.report;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** The service's own query beside schema-lib's mappers: what a user has left and made. */
@Mapper
public interface SpendingReportMapper {

    SpendingRow spendingOf(@Param("telegramId") long telegramId);
}
