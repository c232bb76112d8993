package dev.avatarbot.schema.domain;

/** A Telegram user of the bot (table {@code users}). */
public class User extends Timestamped {

    private Long id;
    private long telegramId;
    private String firstName;
    private String lastName;
    private String username;
    private String languageCode;
    private boolean premium;

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public long getTelegramId() {
        return telegramId;
    }

    public void setTelegramId(long telegramId) {
        this.telegramId = telegramId;
    }

    public String getFirstName() {
        return firstName;
    }

    public void setFirstName(String firstName) {
        this.firstName = firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public void setLastName(String lastName) {
        this.lastName = lastName;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getLanguageCode() {
        return languageCode;
    }

    public void setLanguageCode(String languageCode) {
        this.languageCode = languageCode;
    }

    public boolean isPremium() {
        return premium;
    }

    public void setPremium(boolean premium) {
        this.premium = premium;
    }

    @Override
    public String toString() {
        return "User[" + "id=" + id + ", "
                + "telegramId=" + telegramId + ", "
                + "firstName=" + firstName + ", "
                + "lastName=" + lastName + ", "
                + "username=" + username + ", "
                + "languageCode=" + languageCode + ", "
                + "premium=" + premium
                + ", createdAt=" + getCreatedAt() + ", updatedAt=" + getUpdatedAt() + "]";
    }
}
