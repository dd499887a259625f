package com.bcerp.handlers.worker;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;

/** What a schedule's event asks for: {@code {"mode": "full"}} in the detail asks for a full pass. */
final class ScheduledRuns {

    private ScheduledRuns() {}

    static boolean full(ScheduledEvent event) {
        Map<String, Object> detail = event == null ? null : event.getDetail();
        return detail != null && "full".equals(String.valueOf(detail.get("mode")));
    }
}
