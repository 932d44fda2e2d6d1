package dev.overton.systemtests;

import java.util.Comparator;

import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The order of the system test classes (src/test/resources/junit-platform.properties): every {@link
 * SharedServicesRunning} class first, so that they run one after the other on one shared stack, then the classes that
 * start a stack of their own configuration (which stops the shared one: same ports); by name within each group.
 */
public final class SharedStackFirst implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors()
                .sort(Comparator.comparing((org.junit.jupiter.api.ClassDescriptor d) ->
                                !SharedServicesRunning.class.isAssignableFrom(d.getTestClass()))
                        .thenComparing(d -> d.getTestClass().getName()));
    }
}
