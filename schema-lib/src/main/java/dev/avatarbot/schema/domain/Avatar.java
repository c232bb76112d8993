package dev.avatarbot.schema.domain;

import java.util.UUID;
import com.fasterxml.jackson.databind.JsonNode;

/** An avatar a user builds from photos (table {@code avatars}). */
public class Avatar extends Timestamped {

    private UUID id;
    private long userId;
    private String name;
    private String gender;
    private String status;
    private boolean draft;
    private JsonNode avatarData;

    public UUID getId() {
        return id;
    }

    public void setId(UUID id) {
        this.id = id;
    }

    public long getUserId() {
        return userId;
    }

    public void setUserId(long userId) {
        this.userId = userId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getGender() {
        return gender;
    }

    public void setGender(String gender) {
        this.gender = gender;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public boolean isDraft() {
        return draft;
    }

    public void setDraft(boolean draft) {
        this.draft = draft;
    }

    public JsonNode getAvatarData() {
        return avatarData;
    }

    public void setAvatarData(JsonNode avatarData) {
        this.avatarData = avatarData;
    }

    @Override
    public String toString() {
        return "Avatar[" + "id=" + id + ", "
                + "userId=" + userId + ", "
                + "name=" + name + ", "
                + "gender=" + gender + ", "
                + "status=" + status + ", "
                + "draft=" + draft + ", "
                + "avatarData=" + avatarData
                + ", createdAt=" + getCreatedAt() + ", updatedAt=" + getUpdatedAt() + "]";
    }
}
