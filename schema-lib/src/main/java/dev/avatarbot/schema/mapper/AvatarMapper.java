package dev.avatarbot.schema.mapper;

import java.util.List;
import java.util.UUID;

import dev.avatarbot.schema.domain.Avatar;
import org.apache.ibatis.annotations.Param;

/** Table {@code avatars}. */
public interface AvatarMapper {

    /** Inserts the avatar; a missing id is generated here. The timestamps are filled in. */
    default void insert(Avatar avatar) {
        if (avatar.getId() == null) {
            avatar.setId(UUID.randomUUID());
        }
        insertWithId(avatar);
    }

    void insertWithId(Avatar avatar);

    Avatar findById(UUID id);

    /** A user's avatars, oldest first; only those with {@code status} when it is not null. */
    List<Avatar> findByUserId(@Param("userId") long userId, @Param("status") String status);

    /** Writes name, gender, status, draft flag and data of the avatar with this id. */
    int update(Avatar avatar);

    /** Deletes the avatar and, by cascade, its photos. */
    int deleteById(UUID id);
}
