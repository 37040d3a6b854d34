package com.atsplatform.communications.phone;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.atsplatform.communications.config.WhatsAppConfig;
import com.atsplatform.communications.problem.ProblemException;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

/**
 * Normalises phone numbers to E.164, the only form WhatsApp accepts and the only form stored.
 * Numbers without a leading {@code +} are read in {@code WHATSAPP_DEFAULT_REGION}.
 */
@ApplicationScoped
public class PhoneNumbers {

    /** Digits and the separators people type; letters are refused rather than read as a vanity number. */
    private static final Pattern TYPED_NUMBER = Pattern.compile("^\\+?[0-9 ()./-]{4,30}$");

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final String defaultRegion;

    PhoneNumbers(WhatsAppConfig config) {
        this.defaultRegion = config.defaultRegion();
    }

    /**
     * @param field the request field the number came from, named in the problem when it is invalid
     * @return the number in E.164, e.g. {@code +573001234567}
     * @throws ProblemException (400) when it is not a valid number
     */
    public String toE164(String raw, String field) {
        String typed = raw == null ? "" : raw.strip();
        if (!TYPED_NUMBER.matcher(typed).matches()) {
            throw invalid(field);
        }
        try {
            Phonenumber.PhoneNumber number = util.parse(typed, defaultRegion);
            if (!util.isValidNumber(number)) {
                throw invalid(field);
            }
            return util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw invalid(field);
        }
    }

    private ProblemException invalid(String field) {
        return ProblemException.invalidField(field, "is not a valid phone number (E.164, or national in region " + defaultRegion + ")");
    }
}
