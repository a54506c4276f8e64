package org.joule.samples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A training curve drawn by JFreeChart: the loss against the iteration, one line with dots
 * per curve, a legend naming each, optionally dashed horizontal reference lines (the loss of
 * the true model, say).
 */
final class TrainingCurve {
    /** One curve: its legend name and its values at iterations 0, 1, 2, .... */
    record Curve(String name, List<Double> values) {
    }

    /** A horizontal reference line: its legend name and its height. */
    record Reference(String name, double value) {
    }

    private static final Color[] COLOURS = {new Color(31, 119, 180), new Color(214, 39, 40),
            new Color(44, 160, 44), new Color(148, 103, 189)};

    private TrainingCurve() {
    }

    /**
     * The chart of the curves against the iteration.
     *
     * @param title      the title
     * @param lossLabel  the label of the vertical axis
     * @param logScale   whether the vertical axis is logarithmic (every value must then be positive)
     * @param curves     the curves
     * @param references horizontal lines, dashed
     * @return the chart
     */
    static JFreeChart of(String title, String lossLabel, boolean logScale, List<Curve> curves,
            List<Reference> references) {
        XYSeriesCollection lines = new XYSeriesCollection();
        int last = 1;
        for (Curve c : curves) {
            XYSeries s = new XYSeries(c.name(), false, true);
            for (int i = 0; i < c.values().size(); i++) {
                s.add(i, c.values().get(i));
            }
            last = Math.max(last, c.values().size() - 1);
            lines.addSeries(s);
        }
        for (Reference r : references) {
            XYSeries s = new XYSeries(r.name(), false, true);
            s.add(0, r.value());
            s.add(last, r.value());
            lines.addSeries(s);
        }
        NumberAxis x = new NumberAxis("iteration");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setAutoRangeIncludesZero(true);
        ValueAxis y;
        if (logScale) {
            LogAxis log = new LogAxis(lossLabel);
            log.setSmallestValue(1e-12);
            log.setNumberFormatOverride(new java.text.DecimalFormat("0.####"));
            y = log;
        } else {
            NumberAxis linear = new NumberAxis(lossLabel);
            linear.setAutoRangeIncludesZero(false);
            y = linear;
        }
        for (ValueAxis a : new ValueAxis[] {x, y}) {
            a.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            a.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < curves.size(); i++) {
            r.setSeriesPaint(i, COLOURS[i % COLOURS.length]);
            r.setSeriesStroke(i, new BasicStroke(2f));
            r.setSeriesShapesVisible(i, true);
        }
        for (int j = 0; j < references.size(); j++) {
            int i = curves.size() + j;
            r.setSeriesPaint(i, Color.DARK_GRAY);
            r.setSeriesStroke(i, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                    new float[] {8, 6}, 0));
        }
        XYPlot plot = new XYPlot(lines, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(200, 200, 200));
        plot.setRangeGridlinePaint(new Color(200, 200, 200));
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        return chart;
    }
}
