package dev.avatarbot.schema.mapper;

import com.fasterxml.jackson.databind.JsonNode;
import dev.avatarbot.schema.domain.UserState;
import org.apache.ibatis.annotations.Param;

/** Table {@code user_states}: a user's conversation state as JSON. */
public interface UserStateMapper {

    void insert(UserState state);

    UserState findById(long id);

    UserState findByUserId(long userId);

    /** Replaces the user's state (creating it on first use) in one statement. */
    int replaceState(@Param("userId") long userId, @Param("stateData") JsonNode stateData);

    int deleteById(long id);
}
