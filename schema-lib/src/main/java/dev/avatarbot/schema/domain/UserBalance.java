package dev.avatarbot.schema.domain;

import java.time.OffsetDateTime;

/** A user's coins (table {@code user_balances}); never negative. */
public class UserBalance {

    private Long id;
    private long userId;
    private long coins;
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

    public long getCoins() {
        return coins;
    }

    public void setCoins(long coins) {
        this.coins = coins;
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
        return "UserBalance[" + "id=" + id + ", "
                + "userId=" + userId + ", "
                + "coins=" + coins + ", "
                + "createdAt=" + createdAt + ", "
                + "updatedAt=" + updatedAt + "]";
    }
}
