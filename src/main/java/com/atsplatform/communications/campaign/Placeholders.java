package com.atsplatform.communications.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.atsplatform.communications.problem.ProblemException;

/**
 * The placeholders a campaign's variables may use, filled per recipient:
 * {@code {{candidate.full_name}}}, {@code {{candidate.first_name}}} (the first word of the full
 * name) and {@code {{application.position}}}. Anything else between double braces is refused
 * before anything is stored.
 */
final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
    static final List<String> KNOWN = List.of("candidate.full_name", "candidate.first_name", "application.position");

    /** What a recipient's placeholders are filled with. */
    record Recipient(String fullName, String position) {

        String firstName() {
            String trimmed = fullName.strip();
            int space = trimmed.indexOf(' ');
            return space < 0 ? trimmed : trimmed.substring(0, space);
        }
    }

    private Placeholders() {
    }

    /** @throws ProblemException (400) naming {@code field[i]} when a variable uses an unknown placeholder */
    static void check(String field, List<String> variables) {
        for (int i = 0; i < variables.size(); i++) {
            Matcher matcher = PLACEHOLDER.matcher(variables.get(i));
            while (matcher.find()) {
                if (!KNOWN.contains(matcher.group(1))) {
                    throw ProblemException.invalidField(field + "[" + i + "]",
                            "unknown placeholder {{" + matcher.group(1) + "}}; known: {{" + String.join("}}, {{", KNOWN) + "}}");
                }
            }
        }
    }

    /** The variables with every placeholder replaced by the recipient's value; call after {@link #check}. */
    static List<String> fill(List<String> variables, Recipient recipient) {
        List<String> filled = new ArrayList<>(variables.size());
        for (String variable : variables) {
            if (variable.indexOf('{') < 0) {
                filled.add(variable);
                continue;
            }
            filled.add(PLACEHOLDER.matcher(variable).replaceAll(match -> Matcher.quoteReplacement(switch (match.group(1)) {
                case "candidate.full_name" -> recipient.fullName();
                case "candidate.first_name" -> recipient.firstName();
                case "application.position" -> recipient.position();
                default -> match.group();
            })));
        }
        return filled;
    }
}
