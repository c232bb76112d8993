package it.consumer.gate;

import java.util.UUID;

import org.apache.ibatis.annotations.Param;

public interface GateMapper {

    Long userIdOfBadTelegramId();

    int insertPhoto(@Param("id") UUID id, @Param("avatarId") UUID avatarId, @Param("minioKey") String minioKey,
                    @Param("order") int order);
}
