package dev.vigil.sim;

/** A broken invariant or a crash of the system under simulation; the message names the seed. */
public final class SimFailure extends AssertionError {
    private final long seed;

    SimFailure(long seed, String what, String trace, Throwable cause) {
        super("simulation seed " + seed + " failed: " + what
                + "\nreproduce with: mvn -B -o -pl vigil-sim -am verify -Dtest=SimulationTest#reproduce"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dvigil.sim.seed=" + seed
                + "\nlast events:\n" + trace, cause);
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }
}
