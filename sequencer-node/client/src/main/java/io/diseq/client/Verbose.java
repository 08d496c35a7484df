package io.diseq.client;

/** A command that knows whether the user asked for stack traces ({@code --verbose}). */
interface Verbose {
    boolean verbose();
}
