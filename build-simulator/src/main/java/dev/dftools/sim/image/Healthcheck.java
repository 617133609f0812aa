package dev.dftools.sim.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Docker's HEALTHCHECK config; durations in nanoseconds as Docker stores them, 0 = default. */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record Healthcheck(@JsonProperty("Test") List<String> test, @JsonProperty("Interval") long interval,
        @JsonProperty("Timeout") long timeout, @JsonProperty("StartPeriod") long startPeriod,
        @JsonProperty("StartInterval") long startInterval, @JsonProperty("Retries") int retries) {
    public Healthcheck {
        test = List.copyOf(test);
    }
}
