package org.joule.samples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code joule} command line: {@code diff}, {@code eval} (also streaming JSON lines), {@code compile} and
 * {@code demo}. Run {@code java -jar samples/target/joule.jar --help}.
 */
@Command(name = "joule", mixinStandardHelpOptions = true, version = "joule 0.1.0",
        description = "Energy functions as expression graphs: symbolic derivatives, evaluation, demos.",
        subcommands = {DiffCommand.class, EvalCommand.class, CompileCommand.class, DemoCommand.class})
public final class Main implements Runnable {

    /**
     * Entry point. Returns normally on success, so that it can run inside another JVM's
     * process (exec-maven-plugin's {@code java} goal) without ending it; exits with the
     * command's status on failure.
     */
    public static void main(String[] args) {
        int status = run(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the command line and returns its exit status (0 on success). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("joule: " + e.getMessage());
            return 2;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
