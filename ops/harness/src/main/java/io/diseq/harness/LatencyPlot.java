package io.diseq.harness;

import io.diseq.harness.Results.BaselineStep;
import io.diseq.harness.Results.Run;
import io.diseq.harness.Results.SequencerStep;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * The latency-versus-throughput plot of a run (PNG, java.awt headless): x the delivered rate
 * (finalized for the sequencer, consumed for the baseline) in msg/s, y the latency in ms on a log
 * scale; p50 and p99 of each step for both, and the 2 s line of the saturation rule.
 */
final class LatencyPlot {
    private static final int W = 960;
    private static final int H = 600;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;

    private LatencyPlot() {
    }

    static void write(Run run, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        double xMax = niceMax(Math.max(max(run.sequencer(), SequencerStep::finalizedRate),
                max(run.baseline(), BaselineStep::deliveredRate)));
        double latencyMax = Math.max(max(run.sequencer(), s -> s.latency().p99()),
                max(run.baseline(), s -> s.latency().p99()));
        Axes axes = new Axes(xMax, 1, Math.max(10_000, Math.pow(10, Math.ceil(Math.log10(Math.max(1, latencyMax))))));
        axes.draw(g, "delivered msg/s (sequencer: finalized; baseline: consumed)",
                "latency ms (log)", title(run));
        axes.horizontal(g, 2000, new Color(200, 0, 0), "2 s");
        List<double[]> seqP50 = run.sequencer().stream().map(s -> new double[] {s.finalizedRate(), s.latency().p50()}).toList();
        List<double[]> seqP99 = run.sequencer().stream().map(s -> new double[] {s.finalizedRate(), s.latency().p99()}).toList();
        List<double[]> baseP50 = run.baseline().stream().map(s -> new double[] {s.deliveredRate(), s.latency().p50()}).toList();
        List<double[]> baseP99 = run.baseline().stream().map(s -> new double[] {s.deliveredRate(), s.latency().p99()}).toList();
        axes.series(g, seqP50, new Color(0, 90, 200), false, "sequencer p50", 0);
        axes.series(g, seqP99, new Color(0, 90, 200), true, "sequencer p99", 1);
        axes.series(g, baseP50, new Color(0, 150, 60), false, "raw Kafka p50", 2);
        axes.series(g, baseP99, new Color(0, 150, 60), true, "raw Kafka p99", 3);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static String title(Run run) {
        return "Diseq harness " + run.startedAt().substring(0, 16) + "Z: " + run.validators() + " validators (one JVM each), "
                + run.messageBytes() + "-byte messages, " + run.partitions() + " partitions, "
                + run.machine().cpus() + " CPUs (shared)";
    }

    private static <T> double max(List<T> items, ToDoubleFunction<T> f) {
        return items.stream().mapToDouble(f).max().orElse(0);
    }

    private static double niceMax(double v) {
        double step = Math.pow(10, Math.floor(Math.log10(Math.max(v, 10))));
        return Math.ceil(v * 1.1 / step) * step;
    }

    /** Linear x, log10 y. */
    private record Axes(double xMax, double yMin, double yMax) {
        int x(double v) {
            return LEFT + (int) Math.round(v / xMax * (W - LEFT - RIGHT));
        }

        int y(double v) {
            double l = (Math.log10(Math.max(v, yMin)) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin));
            return H - BOTTOM - (int) Math.round(Math.min(1, l) * (H - TOP - BOTTOM));
        }

        void draw(Graphics2D g, String xLabel, String yLabel, String title) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.setColor(new Color(225, 225, 225));
            for (double v = yMin; v <= yMax; v *= 10) {
                g.drawLine(LEFT, y(v), W - RIGHT, y(v));
            }
            for (int i = 0; i <= 5; i++) {
                g.drawLine(x(xMax * i / 5), TOP, x(xMax * i / 5), H - BOTTOM);
            }
            g.setColor(Color.BLACK);
            g.drawRect(LEFT, TOP, W - LEFT - RIGHT, H - TOP - BOTTOM);
            for (double v = yMin; v <= yMax; v *= 10) {
                g.drawString(String.format("%,.0f", v), LEFT - 60, y(v) + 4);
            }
            for (int i = 0; i <= 5; i++) {
                g.drawString(String.format("%,.0f", xMax * i / 5), x(xMax * i / 5) - 15, H - BOTTOM + 18);
            }
            g.drawString(xLabel, LEFT + 200, H - 15);
            g.rotate(-Math.PI / 2);
            g.drawString(yLabel, -(H / 2) - 40, 20);
            g.rotate(Math.PI / 2);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.drawString(title, LEFT, 30);
        }

        void horizontal(Graphics2D g, double v, Color color, String label) {
            g.setColor(color);
            g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
            g.drawLine(LEFT, y(v), W - RIGHT, y(v));
            g.drawString(label, W - RIGHT - 30, y(v) - 4);
            g.setStroke(new BasicStroke(1));
        }

        void series(Graphics2D g, List<double[]> points, Color color, boolean dashed, String label, int legendRow) {
            g.setColor(color);
            g.setStroke(dashed ? new BasicStroke(2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10,
                    new float[] {8, 5}, 0) : new BasicStroke(2));
            for (int i = 1; i < points.size(); i++) {
                g.drawLine(x(points.get(i - 1)[0]), y(points.get(i - 1)[1]), x(points.get(i)[0]), y(points.get(i)[1]));
            }
            for (double[] p : points) {
                g.fillOval(x(p[0]) - 4, y(p[1]) - 4, 8, 8);
            }
            int ly = TOP + 18 + 18 * legendRow;
            int lx = W - RIGHT - 170;
            g.drawLine(lx, ly - 4, lx + 30, ly - 4);
            g.setStroke(new BasicStroke(1));
            g.drawString(label, lx + 38, ly);
        }
    }
}
