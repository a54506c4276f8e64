package org.joule.runtime;

/**
 * The part an input plays in an energy E(x, y, z; W): observed data (x, y), a latent
 * variable (z) or a trainable parameter (W). Roles let callers differentiate with respect
 * to one group, for example the parameters during training or the latents during inference.
 */
public enum Role {
    /** Observed input or output: x or y. */
    DATA,
    /** Latent variable z, minimised or marginalised over. */
    LATENT,
    /** Trainable parameter W. */
    PARAMETER
}
