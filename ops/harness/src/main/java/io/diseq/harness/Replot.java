package io.diseq.harness;

import io.diseq.harness.Results.Run;
import java.nio.file.Path;

/**
 * Draws the plot of a written report again from its JSON ({@code <name>.json} → {@code <name>.png}),
 * e.g. after a change to {@link LatencyPlot}. Argument: the JSON file.
 */
public final class Replot {
    private Replot() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path json = Path.of(args[0]);
        Run run = ChildReport.JSON.readValue(json.toFile(), Run.class);
        String name = json.getFileName().toString().replaceFirst("\\.json$", "");
        LatencyPlot.write(run, json.resolveSibling(name + ".png"));
    }
}
