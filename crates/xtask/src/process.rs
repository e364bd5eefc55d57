//! Running commands and telling the user what is happening.

use std::ffi::OsStr;
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

/// Prints a step heading, so a long run shows where it is.
pub fn step(message: &str) {
    println!("\n==> {message}");
}

/// A `cargo` command, using the same cargo that runs xtask.
pub fn cargo() -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(crate::workspace_root());
    command
}

/// A command run from the workspace root.
pub fn command(program: impl AsRef<OsStr>) -> Command {
    let mut command = Command::new(program);
    command.current_dir(crate::workspace_root());
    command
}

fn describe(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// Runs a command with inherited output; fails when it exits non-zero.
pub fn run(command: &mut Command) -> Result<()> {
    let description = describe(command);
    println!("    $ {description}");
    let status = command
        .status()
        .with_context(|| format!("cannot start `{description}`"))?;
    if !status.success() {
        bail!("`{description}` failed ({status})");
    }
    Ok(())
}

/// Runs a command and returns its standard output, or `None` when it cannot run or fails.
/// Its error output goes to the terminal.
pub fn output(command: &mut Command) -> Option<String> {
    let output = command.output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Whether a program can be found on `PATH` (or at the given path).
pub fn available(program: &str) -> bool {
    quiet_output(Command::new(program).arg("--version")).is_some()
}

/// Like [`output`], with the error output discarded (for probing versions).
pub fn quiet_output(command: &mut Command) -> Option<String> {
    output(command.stderr(Stdio::null()))
}
