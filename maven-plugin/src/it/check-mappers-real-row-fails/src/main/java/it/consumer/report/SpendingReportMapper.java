package it.consumer.report;

import java.time.OffsetDateTime;

import org.apache.ibatis.annotations.Param;

public interface SpendingReportMapper {

    SpendingRow spendingOf(@Param("telegramId") long telegramId);

    OffsetDateTime joinedAt(@Param("telegramId") long telegramId);
}
