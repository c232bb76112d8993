package dev.avatarbot.schema.domain;

import com.fasterxml.jackson.databind.JsonNode;

/** A user's conversation state as JSON (table {@code user_states}). */
public class UserState extends Timestamped {

    private Long id;
    private long userId;
    private JsonNode stateData;

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

    @Override
    public String toString() {
        return "UserState[" + "id=" + id + ", "
                + "userId=" + userId + ", "
                + "stateData=" + stateData
                + ", createdAt=" + getCreatedAt() + ", updatedAt=" + getUpdatedAt() + "]";
    }
}
