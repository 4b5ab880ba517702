package dev.vigil.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulationTest {

    @Test
    void quietClusterStartsEverythingOnce() {
        Simulation.Settings s = Scenarios.standard(3, Duration.ZERO, Duration.ofSeconds(30));
        Simulation.Report r = new Simulation(1, s).run();
        assertTrue(r.events() > 0);
    }

    /**
     * Many seeds, each a minute of faults on three nodes and then a quiet minute and a half.
     * {@code -Dvigil.sim.seeds=N} runs more; {@code -Dvigil.sim.firstSeed=S} starts elsewhere.
     */
    @Test
    void faultySeedsStaySafeAndConverge() {
        long first = Long.getLong("vigil.sim.firstSeed", 1000);
        int count = Integer.getInteger("vigil.sim.seeds", 25);
        long fencings = 0;
        long events = 0;
        for (long seed = first; seed < first + count; seed++) {
            Simulation.Settings s = Scenarios.standard(seed % 4 == 0 ? 5 : 3, Duration.ofSeconds(60),
                    Duration.ofSeconds(150));
            Simulation.Report r = new Simulation(seed, s).run();
            fencings += r.fencings();
            events += r.events();
        }
        System.out.println(count + " seeds from " + first + ": " + events + " events, " + fencings + " fencings");
        assertTrue(fencings > 0, "the faults should have caused some fencing");
    }

    @Test
    void reproduce() {
        String seed = System.getProperty("vigil.sim.seed");
        if (seed == null) {
            return;
        }
        Simulation.Settings s = Scenarios.standard(Integer.getInteger("vigil.sim.nodes", 3),
                Duration.ofSeconds(Long.getLong("vigil.sim.faultSeconds", 60)), Duration.ofSeconds(150));
        Simulation sim = new Simulation(Long.parseLong(seed), s);
        try {
            Simulation.Report r = sim.run();
            System.out.println("seed " + seed + ": " + r);
        } finally {
            if (Boolean.getBoolean("vigil.sim.trace")) {
                sim.trace().forEach(System.out::println);
            }
        }
    }
}
