package dev.vigil.daemon;

import dev.vigil.controller.Controller;
import java.util.Optional;

/**
 * Finds the controller implementation: {@value #IMPLEMENTATION} with a public no-argument
 * constructor, if it is on the classpath. Without one the daemon still keeps membership and
 * the CIB, but manages no resources (and says so in its log).
 */
final class ControllerFactory {
    static final String IMPLEMENTATION = "dev.vigil.controller.DefaultController";

    private ControllerFactory() {
    }

    static Optional<Controller> create() {
        return create(IMPLEMENTATION);
    }

    static Optional<Controller> create(String className) {
        Class<?> type;
        try {
            type = Class.forName(className);
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
        if (!Controller.class.isAssignableFrom(type)) {
            throw new IllegalStateException(className + " does not implement " + Controller.class.getName());
        }
        try {
            return Optional.of((Controller) type.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot create the controller " + className + ": " + cause, cause);
        }
    }
}
