package com.bcerp.core.port;

import com.bcerp.core.sync.Claim;
import java.time.Duration;

/**
 * One process at a time renews a credential that every process shares (a rotating refresh token kept in one
 * secret): two renewing at once would spend the same refresh token twice, and the loser would sign in again.
 */
public interface CredentialLease {

    /** Takes the lease on {@code name} for at most {@code lease}; false while another process holds it. */
    boolean tryAcquire(String name, Duration lease);

    void release(String name);

    /** For a process that shares its credential with none (its own lock serialises its renewals). */
    CredentialLease UNSHARED = new CredentialLease() {
        @Override
        public boolean tryAcquire(String name, Duration lease) {
            return true;
        }

        @Override
        public void release(String name) {}
    };

    /** A lease held as a claim in the state table every process shares (key {@code lease#credential#{name}}). */
    static CredentialLease over(SyncState state) {
        return new CredentialLease() {
            @Override
            public boolean tryAcquire(String name, Duration lease) {
                return state.claim("lease#credential#" + name, lease).status() == Claim.Status.ACQUIRED;
            }

            @Override
            public void release(String name) {
                state.release("lease#credential#" + name);
            }
        };
    }
}
