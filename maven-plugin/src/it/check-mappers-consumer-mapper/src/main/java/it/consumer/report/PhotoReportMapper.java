package it.consumer.report;

import java.util.List;

import org.apache.ibatis.annotations.Param;

public interface PhotoReportMapper {

    List<PhotoCount> photoCounts(@Param("userIds") List<Long> userIds, @Param("status") String status);
}
