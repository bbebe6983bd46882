package io.integrationhost.host.profiles;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What holds on to a profile from the capabilities that use it: the integrations whose configuration lets end users
 * authorize through it, and the end users' authorizations made with its presets.
 *
 * @param integrationsUsing the ids of the integrations that use a profile, by profile id
 * @param removeAuthorizations removes every end user's authorization made through a profile; answers how many, by
 *     integration
 * @param afterRemoval told once a removal of authorizations is committed, so that what they held is let go of (their
 *     OAuth 2.0 tokens revoked)
 */
public record ProfileDependents(Function<String, List<String>> integrationsUsing,
                                Function<String, Map<String, Integer>> removeAuthorizations, Runnable afterRemoval) {

    /** Dependents that hold nothing to let go of after a removal. */
    public ProfileDependents(Function<String, List<String>> integrationsUsing,
                             Function<String, Map<String, Integer>> removeAuthorizations) {
        this(integrationsUsing, removeAuthorizations, () -> { });
    }
}
