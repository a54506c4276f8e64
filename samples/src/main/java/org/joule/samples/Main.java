package org.joule.samples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code joule} command line: {@code diff}, {@code eval} and {@code minimize} (both also streaming JSON
 * lines), {@code sample}, {@code compile} and {@code kmeans-spiral} (alias {@code demo}). Run {@code java -jar samples/target/joule.jar --help}.
 *
 * <p>Two entry points: {@link #main} for running inside another program's JVM, such as
 * exec-maven-plugin's {@code java} goal, never exits the JVM and throws {@link Failure} when
 * the command fails; the jar's own entry point, {@link Launcher}, exits with the command's
 * status.
 */
@Command(name = "joule", mixinStandardHelpOptions = true, version = "joule 0.1.0",
        description = "Energy functions as expression graphs: symbolic derivatives, evaluation, minimisation,"
                + " sampling, demos.",
        subcommands = {DiffCommand.class, EvalCommand.class, MinimizeCommand.class, SampleCommand.class,
                EllipseCommand.class, GibbsMlCommand.class,
                CompileCommand.class, KMeansSpiralCommand.class, HmcCommand.class})
public final class Main implements Runnable {
    /** A long option's shape: an argument like this is an option, never an expression. */
    private static final Pattern LONG_OPTION = Pattern.compile("--[A-Za-z][A-Za-z0-9-]*(=.*)?");

    /**
     * Runs the command line inside the calling JVM: returns normally on success and never
     * calls {@link System#exit}, so that a build running it (exec-maven-plugin) goes on.
     *
     * @throws Failure when the command fails (its message is also printed on standard error);
     *         the cause is the error, such as the exception an {@code --energy} method threw
     */
    public static void main(String[] args) {
        Outcome o = execute(args);
        if (o.status() != 0) {
            String what = args.length > 0 ? "joule " + args[0] : "joule";
            String message = o.error() != null ? message(o.error())
                    : o.status() == 1 ? "some cases failed or did not converge (see standard error)" : "invalid arguments (see the usage above)";
            throw new Failure(what + " failed with status " + o.status() + ": " + message, o.status(), o.error());
        }
    }

    /**
     * Runs the command line and returns its exit status: 0 on success, 1 when some cases failed
     * or a minimisation did not converge, 2 on an error.
     */
    public static int run(String... args) {
        return execute(args).status();
    }

    /** The status of a run, and the exception that ended it, if any. */
    private record Outcome(int status, Throwable error) {
    }

    private static Outcome execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        Throwable[] error = new Throwable[1];
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            error[0] = e;
            line.getErr().println("joule: " + message(e));
            line.getErr().flush();
            return 2;
        });
        int status = cl.execute(protectExpressions(cl, args));
        return new Outcome(status, error[0]);
    }

    private static String message(Throwable e) {
        if (e instanceof IllegalArgumentException || e instanceof ArithmeticException
                || e instanceof java.io.IOException) {
            return e.getMessage();
        }
        return "internal error: " + e;
    }

    /**
     * Moves an expression that starts with '-' (such as {@code -x^2}) behind the end-of-options
     * marker {@code --}, where picocli reads it as the expression and not as an unknown option.
     * Arguments that are options of the subcommand, their values, and anything shaped like a
     * long option ({@code --name}) stay where they are.
     */
    static String[] protectExpressions(CommandLine top, String[] args) {
        CommandLine sub = args.length == 0 ? null : top.getSubcommands().get(args[0]);
        if (sub == null || sub.getCommandSpec().positionalParameters().isEmpty()) {
            return args;
        }
        CommandSpec spec = sub.getCommandSpec();
        List<String> kept = new ArrayList<>(List.of(args[0]));
        List<String> expressions = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                kept.addAll(Arrays.asList(args).subList(i, args.length));
                break;
            }
            OptionSpec option = option(spec, a);
            if (option != null) {
                kept.add(a);
                if (!a.contains("=") && option.arity().max() > 0 && i + 1 < args.length) {
                    kept.add(args[++i]);
                }
            } else if (a.length() > 1 && a.startsWith("-") && !LONG_OPTION.matcher(a).matches()) {
                expressions.add(a);
            } else {
                kept.add(a);
            }
        }
        if (expressions.isEmpty()) {
            return args;
        }
        if (!kept.contains("--")) {
            kept.add("--");
        }
        kept.addAll(expressions);
        return kept.toArray(new String[0]);
    }

    private static OptionSpec option(CommandSpec spec, String arg) {
        int eq = arg.indexOf('=');
        String name = eq > 0 ? arg.substring(0, eq) : arg;
        OptionSpec o = spec.optionsMap().get(name);
        return o != null ? o : spec.negatedOptionsMap().get(name);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** A failed command, thrown by {@link #main}: the message says which and why; the cause is the error. */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        Failure(String message, int status, Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        /**
         * The exit status the command would have had: 1 when some cases failed or a minimisation
         * did not converge, 2 on an error.
         */
        public int status() {
            return status;
        }
    }
}
