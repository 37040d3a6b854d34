package com.atsplatform.communications.classification;

/** What a phrase of the lexicon signals. */
public enum Cue {
    INTERESTED,
    NOT_INTERESTED,
    QUESTION,
    /** The candidate asks not to be written to again; also a "not interested". */
    OPT_OUT,
    /** Matched only so that its words signal nothing ("no sé" is not a "no"). */
    NEUTRAL
}
