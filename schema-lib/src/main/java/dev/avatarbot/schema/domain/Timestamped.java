package dev.avatarbot.schema.domain;

import java.time.OffsetDateTime;

/** A row's {@code created_at} and {@code updated_at}; the database sets both (a trigger keeps the second). */
public abstract class Timestamped {

    private OffsetDateTime createdAt;
    private OffsetDateTime updatedAt;

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
}
