package io.integrationhost.bamboohr.model;

import java.math.BigDecimal;

/**
 * The company's default working hours on one day of the week.
 *
 * @param name the day, such as {@code Monday}
 * @param amount the hours
 */
public record DefaultHours(String name, BigDecimal amount) {
}
