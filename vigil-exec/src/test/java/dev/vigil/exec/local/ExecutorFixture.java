package dev.vigil.exec.local;

import dev.vigil.exec.AgentPaths;
import dev.vigil.exec.ExecutorConfig;
import dev.vigil.exec.OperationListener;
import dev.vigil.exec.OperationRequest;
import dev.vigil.exec.OperationResult;
import dev.vigil.exec.testing.TestProcesses;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A LocalExecutor over a temporary directory, with Vigil's agents from the repository and a recording listener. */
final class ExecutorFixture implements AutoCloseable {
    final Path dir;
    final List<OperationResult> reported = new CopyOnWriteArrayList<>();
    final LocalExecutor executor;

    ExecutorFixture(Path dir) {
        this(dir, b -> b);
    }

    ExecutorFixture(Path dir, java.util.function.UnaryOperator<ExecutorConfig.Builder> tweak) {
        this.dir = dir;
        AgentPaths paths = AgentPaths.system().withVigilAgents(TestProcesses.agentsDir()).withLsbDir(dir.resolve("init.d"));
        ExecutorConfig.Builder builder = ExecutorConfig.builder("node1")
                .paths(paths)
                .killGrace(Duration.ofMillis(500))
                .environment(Map.of("HA_RSCTMP", dir.resolve("rsctmp").toString()));
        OperationListener listener = reported::add;
        this.executor = new LocalExecutor(tweak.apply(builder).build(), listener);
    }

    OperationResult run(OperationRequest request) throws Exception {
        return executor.execute(request).get(60, TimeUnit.SECONDS);
    }

    List<OperationResult> reportedFor(String operationKey) {
        return reported.stream().filter(r -> r.request().operationKey().equals(operationKey)).toList();
    }

    @Override
    public void close() {
        executor.close(Duration.ofSeconds(5));
    }
}
