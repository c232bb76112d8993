package it.consumer.report;

import java.util.UUID;

public class PhotoCount {

    private UUID avatarId;
    private String avatarName;
    private long photos;

    public UUID getAvatarId() {
        return avatarId;
    }

    public void setAvatarId(UUID avatarId) {
        this.avatarId = avatarId;
    }

    public String getAvatarName() {
        return avatarName;
    }

    public void setAvatarName(String avatarName) {
        this.avatarName = avatarName;
    }

    public long getPhotos() {
        return photos;
    }

    public void setPhotos(long photos) {
        this.photos = photos;
    }
}
