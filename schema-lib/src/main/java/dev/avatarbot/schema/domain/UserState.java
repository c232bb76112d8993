package dev.avatarbot.schema.domain;

import java.time.OffsetDateTime;
import com.fasterxml.jackson.databind.JsonNode;

/** A user's conversation state as JSON (table {@code user_states}). */
public class UserState {

    private Long id;
    private long userId;
    private JsonNode stateData;
    private OffsetDateTime createdAt;
    private OffsetDateTime updatedAt;

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public long getUserId() {
        return userId;
    }

    public void setUserId(long userId) {
        this.userId = userId;
    }

    public JsonNode getStateData() {
        return stateData;
    }

    public void setStateData(JsonNode stateData) {
        this.stateData = stateData;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(OffsetDateTime createdAt) {
        this.createdAt = createdAt;
    }

    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(OffsetDateTime updatedAt) {
        this.updatedAt = updatedAt;
    }

    @Override
    public String toString() {
        return "UserState[" + "id=" + id + ", "
                + "userId=" + userId + ", "
                + "stateData=" + stateData + ", "
                + "createdAt=" + createdAt + ", "
                + "updatedAt=" + updatedAt + "]";
    }
}
