package dev.avatarbot.schema.domain;

import java.util.UUID;

/** One photo of an avatar; the image is in MinIO under {@code minioKey} (table {@code avatar_photos}). */
public class AvatarPhoto extends Timestamped {

    private UUID id;
    private UUID avatarId;
    private String minioKey;
    private int order;

    public UUID getId() {
        return id;
    }

    public void setId(UUID id) {
        this.id = id;
    }

    public UUID getAvatarId() {
        return avatarId;
    }

    public void setAvatarId(UUID avatarId) {
        this.avatarId = avatarId;
    }

    public String getMinioKey() {
        return minioKey;
    }

    public void setMinioKey(String minioKey) {
        this.minioKey = minioKey;
    }

    public int getOrder() {
        return order;
    }

    public void setOrder(int order) {
        this.order = order;
    }

    @Override
    public String toString() {
        return "AvatarPhoto[" + "id=" + id + ", "
                + "avatarId=" + avatarId + ", "
                + "minioKey=" + minioKey + ", "
                + "order=" + order
                + ", createdAt=" + getCreatedAt() + ", updatedAt=" + getUpdatedAt() + "]";
    }
}
