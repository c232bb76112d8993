package dev.avatarbot.sample.report;

import java.util.UUID;

/** One line of {@link AvatarReportMapper#avatarsOf}: an avatar, how many photos it has, its first one's key. */
public class AvatarReportRow {

    private UUID avatarId;
    private String name;
    private String status;
    private int photos;
    private String firstPhotoKey;

    public UUID getAvatarId() {
        return avatarId;
    }

    public void setAvatarId(UUID avatarId) {
        this.avatarId = avatarId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public int getPhotos() {
        return photos;
    }

    public void setPhotos(int photos) {
        this.photos = photos;
    }

    public String getFirstPhotoKey() {
        return firstPhotoKey;
    }

    public void setFirstPhotoKey(String firstPhotoKey) {
        this.firstPhotoKey = firstPhotoKey;
    }
}
