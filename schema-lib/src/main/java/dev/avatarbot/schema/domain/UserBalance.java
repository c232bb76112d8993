package dev.avatarbot.schema.domain;

/** A user's coins (table {@code user_balances}); never negative. */
public class UserBalance extends Timestamped {

    private Long id;
    private long userId;
    private long coins;

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

    @Override
    public String toString() {
        return "UserBalance[" + "id=" + id + ", "
                + "userId=" + userId + ", "
                + "coins=" + coins
                + ", createdAt=" + getCreatedAt() + ", updatedAt=" + getUpdatedAt() + "]";
    }
}
