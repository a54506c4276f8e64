package org.joule.samples;

import java.util.List;
import java.util.concurrent.Callable;
import org.joule.graph.Energy;
import org.joule.graph.Node;
import org.joule.graph.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code joule diff EXPR --wrt x0,x1}: prints the simplified symbolic derivatives, written
 * with documented ops only ({@link Printer#readable}).
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Print the simplified partial derivatives of EXPR, one line per variable.",
                "A variable named in --wrt that EXPR does not use has derivative 0."})
final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "EXPR", description = "the expression, e.g. 'log(1 + exp(x0 * x1))'")
    String expression;

    @Option(names = "--wrt", split = EvalCommand.ITEMS, splitSynopsisLabel = ",", paramLabel = "VAR",
            description = "variables to differentiate with respect to (default: all, in order of appearance)")
    List<String> wrt;

    @Option(names = "--latex", description = "print LaTeX instead of infix")
    boolean latex;

    @Override
    public Integer call() {
        List<String> names = wrt == null ? List.of() : wrt;
        Expressions.Parsed parsed = Expressions.parse(expression, names);
        Energy e = parsed.energy(names, List.of());
        Node[] gradient = e.gradient();
        List<String> wrtNames = Expressions.wrtNames(e);
        Printer.Style style = latex ? Printer.Style.LATEX : Printer.Style.INFIX;
        if (gradient.length == 0) {
            System.err.println("joule diff: the expression has no variables; it is the constant "
                    + Printer.print(e.output(), style, Printer.DEFAULT_MAX_LENGTH));
        }
        for (int j = 0; j < gradient.length; j++) {
            System.out.println("d/d" + wrtNames.get(j) + " = " + Printer.readable(gradient[j], style));
        }
        return 0;
    }
}
