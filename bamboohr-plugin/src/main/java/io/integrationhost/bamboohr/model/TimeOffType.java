package io.integrationhost.bamboohr.model;

/**
 * A kind of time off, such as Vacation or Sick.
 *
 * @param id its id, the {@code timeOffTypeId} of new requests
 * @param name its name
 * @param units {@code hours} or {@code days}
 * @param color its colour in BambooHR, as hex without {@code #}, or {@code null}
 * @param icon its icon's name, or {@code null}
 * @param source {@code internal} or {@code remote}
 */
public record TimeOffType(String id, String name, String units, String color, String icon, String source) {
}
