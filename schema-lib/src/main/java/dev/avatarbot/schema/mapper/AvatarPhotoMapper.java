package dev.avatarbot.schema.mapper;

import java.util.List;
import java.util.UUID;

import dev.avatarbot.schema.domain.AvatarPhoto;
import org.apache.ibatis.annotations.Param;

/** Table {@code avatar_photos}. */
public interface AvatarPhotoMapper {

    /** Inserts the photo; a missing id is generated here. The timestamps are filled in. */
    default void insert(AvatarPhoto photo) {
        if (photo.getId() == null) {
            photo.setId(UUID.randomUUID());
        }
        insertWithId(photo);
    }

    void insertWithId(AvatarPhoto photo);

    AvatarPhoto findById(UUID id);

    /** An avatar's photos in {@code "order"}. */
    List<AvatarPhoto> findByAvatarId(UUID avatarId);

    int update(AvatarPhoto photo);

    int deleteById(UUID id);

    /**
     * Gives the avatar's photos the order of {@code photoIds} (first is 0) in one statement.
     * Returns how many photos were renumbered; ids of other avatars are left alone.
     */
    int reorder(@Param("avatarId") UUID avatarId, @Param("photoIds") List<UUID> photoIds);
}
