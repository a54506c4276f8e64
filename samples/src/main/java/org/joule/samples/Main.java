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

    /** Entry point; exits with the command's status. */
    public static void main(String[] args) {
        System.exit(run(args));
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
