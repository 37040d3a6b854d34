package com.atsplatform.communications.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.spi.Converter;

/**
 * A size in bytes as operators write it: {@code 26214400}, {@code 25M}, {@code 25MB}, {@code 25MiB},
 * {@code 512KB}, {@code 1G}. Units are binary (1 MB = 1,048,576 bytes), as Meta's limits are.
 */
public class ByteSizeConverter implements Converter<Long> {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*([KMG]?)(I?B)?");

    @Override
    public Long convert(String value) {
        Matcher matcher = SIZE.matcher(value.trim().toUpperCase(Locale.ROOT));
        if (!matcher.matches() || (matcher.group(2).isEmpty() && matcher.group(3) != null && !matcher.group(3).equals("B"))) {
            throw new IllegalArgumentException("'" + value + "' is not a size: write bytes or a number with KB, MB or GB");
        }
        long number = Long.parseLong(matcher.group(1));
        int shift = switch (matcher.group(2)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            default -> 0;
        };
        if (number > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("'" + value + "' is too large");
        }
        return number << shift;
    }
}
