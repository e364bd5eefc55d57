//! A PostgreSQL server of the project's own for the tests and the benchmark: a fresh cluster
//! in a temporary folder, listening only on 127.0.0.1 at a free port, stopped and removed
//! when dropped. Debian's `postgresql` package provides the programs (`cargo xtask setup`
//! installs it when they are missing).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::process::{command, quiet_output, run, step};

/// The environment variable through which tests find the server.
pub const VARIABLE: &str = "WEGWIJS_TEST_POSTGRES";

/// Where Debian puts the server programs of each PostgreSQL version.
const DEBIAN_PROGRAMS: &str = "/usr/lib/postgresql";

/// The folder with `initdb` and `pg_ctl` of the newest PostgreSQL installed, if any.
pub fn programs() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir(DEBIAN_PROGRAMS)
        .ok()?
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let version = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

/// A running test server; stopped (and its folder removed) when dropped.
pub struct Postgres {
    programs: PathBuf,
    data: PathBuf,
    /// Connection URL of its maintenance database, e.g.
    /// `postgres://wegwijs@127.0.0.1:54329/postgres`.
    pub url: String,
}

/// Whether this process runs as root (PostgreSQL refuses to; it then runs as `postgres`).
fn is_root() -> bool {
    quiet_output(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0")
}

/// A command for one of the server's programs, as the user the server may run as, working
/// in `data` (that user may not be allowed into the checkout's folders).
fn as_server_user(program: &Path, data: &Path) -> Command {
    let mut run = if is_root() {
        let mut runuser = command("runuser");
        runuser.args(["-u", "postgres", "--"]).arg(program);
        runuser
    } else {
        command(program)
    };
    run.current_dir(data);
    run
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

impl Postgres {
    /// Creates and starts a fresh cluster.
    pub fn start() -> Result<Self> {
        let Some(programs) = programs() else {
            bail!("PostgreSQL is not installed; `cargo xtask setup` installs it");
        };
        let port = free_port()?;
        let data = std::env::temp_dir().join(format!("wegwijs-postgres-{port}"));
        step(&format!(
            "Starting a PostgreSQL of the tests on 127.0.0.1:{port}"
        ));
        if data.exists() {
            std::fs::remove_dir_all(&data)
                .with_context(|| format!("cannot remove {}", data.display()))?;
        }
        std::fs::create_dir_all(&data)?;
        if is_root() {
            run(command("chown").arg("postgres:postgres").arg(&data))?;
        }
        let server = Self {
            url: format!("postgres://wegwijs@127.0.0.1:{port}/postgres"),
            programs,
            data,
        };
        run(
            as_server_user(&server.programs.join("initdb"), &server.data)
                .arg("-D")
                .arg(&server.data)
                .args(["-U", "wegwijs", "-A", "trust", "-E", "UTF8", "--no-sync"])
                .arg("--no-instructions"),
        )?;
        let options = format!(
            "-c listen_addresses=127.0.0.1 -p {port} -k {} -c max_connections=200",
            server.data.display()
        );
        run(
            as_server_user(&server.programs.join("pg_ctl"), &server.data)
                .arg("-D")
                .arg(&server.data)
                .arg("-l")
                .arg(server.data.join("server.log"))
                .args(["-w", "-o", &options, "start"]),
        )?;
        Ok(server)
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let _ = as_server_user(&self.programs.join("pg_ctl"), &self.data)
            .arg("-D")
            .arg(&self.data)
            .args(["-m", "fast", "-w", "stop"])
            .output();
        let _ = std::fs::remove_dir_all(&self.data);
    }
}
