//! End to end with a real sync tool (issue 20): two journals, each with
//! its own Syncthing on the loopback address (local and global discovery,
//! relays and NAT off), syncing one folder between them; the real binary
//! starts the sync folder on one, joins it on the other, and both write.
//! Started and stopped here, and bounded: past [`BUDGET`] the test fails
//! and says what it was waiting for, with the end of each Syncthing's log.
//!
//! Without `syncthing` on PATH this test fails, unless
//! `SMALLWINS_SKIP_SYNCTHING=1` says to skip it (CI installs it, so CI
//! never skips it quietly).

mod sync_support;

use std::fs;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use sync_support::{Place, exported, files_in};

const BUDGET: Duration = Duration::from_secs(90);
const NOW: &str = "2026-11-21T08:30";

/// One Syncthing: its home, ports and process.
struct Syncthing {
    name: &'static str,
    home: PathBuf,
    folder: PathBuf,
    id: String,
    gui: u16,
    listen: u16,
    child: Option<Child>,
}

impl Syncthing {
    fn generate(place: &Place, name: &'static str) -> Syncthing {
        let home = place.dir.path().join(format!("syncthing-{name}"));
        let out = Command::new("syncthing")
            .args(["generate", "--no-default-folder", "--home"])
            .arg(&home)
            .output()
            .expect("syncthing generate runs");
        assert!(
            out.status.success(),
            "syncthing generate failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let config = fs::read_to_string(home.join("config.xml")).expect("generated config");
        let id = config
            .split("<device id=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("the device id in the generated config")
            .to_string();
        let folder = place.dir.path().join(format!("Sync-{name}"));
        fs::create_dir_all(&folder).expect("folder");
        Syncthing {
            name,
            home,
            folder,
            id,
            gui: free_port(),
            listen: free_port(),
            child: None,
        }
    }

    /// The whole config: this device and the other, one shared folder,
    /// everything that reaches past the loopback address off.
    fn configure(&self, other: &Syncthing) {
        let device = |d: &Syncthing, address: String| {
            format!(
                "<device id=\"{}\" name=\"{}\" compression=\"metadata\"><address>{address}</address></device>",
                d.id, d.name
            )
        };
        let config = format!(
            r#"<configuration version="36">
  <folder id="smallwins" label="smallwins" path="{folder}" type="sendreceive" rescanIntervalS="10" fsWatcherEnabled="true" fsWatcherDelayS="1">
    <device id="{me}"></device>
    <device id="{peer}"></device>
  </folder>
  {this}
  {that}
  <gui enabled="true" tls="false"><address>127.0.0.1:{gui}</address><apikey>{key}</apikey></gui>
  <options>
    <listenAddress>tcp://127.0.0.1:{listen}</listenAddress>
    <globalAnnounceEnabled>false</globalAnnounceEnabled>
    <localAnnounceEnabled>false</localAnnounceEnabled>
    <relaysEnabled>false</relaysEnabled>
    <natEnabled>false</natEnabled>
    <startBrowser>false</startBrowser>
    <urAccepted>-1</urAccepted>
    <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
    <crashReportingEnabled>false</crashReportingEnabled>
    <reconnectionIntervalS>1</reconnectionIntervalS>
  </options>
</configuration>
"#,
            folder = self.folder.display(),
            me = self.id,
            peer = other.id,
            this = device(self, "dynamic".into()),
            that = device(other, format!("tcp://127.0.0.1:{}", other.listen)),
            gui = self.gui,
            key = self.api_key(),
            listen = self.listen,
        );
        fs::write(self.home.join("config.xml"), config).expect("config");
    }

    fn api_key(&self) -> String {
        format!("smallwins-test-{}", self.name)
    }

    fn start(&mut self) {
        let log = fs::File::create(self.log()).expect("log");
        let child = Command::new("syncthing")
            .args([
                "serve",
                "--no-browser",
                "--no-restart",
                "--no-upgrade",
                "--home",
            ])
            .arg(&self.home)
            .env("STNODEFAULTFOLDER", "1")
            .env("STNOUPGRADE", "1")
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log"))
            .stderr(log)
            .process_group(0)
            .spawn()
            .expect("syncthing serve starts");
        self.child = Some(child);
    }

    fn log(&self) -> PathBuf {
        self.home.join("syncthing.log")
    }

    fn log_tail(&self) -> String {
        let text = fs::read_to_string(self.log()).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(15)..].join("\n")
    }

    /// Asks Syncthing to shut down through its REST API, then ends its
    /// process group whatever it did.
    fn stop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        let _ = post(self.gui, &self.api_key(), "/rest/system/shutdown");
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", child.id())])
            .stderr(Stdio::null())
            .status();
        let _ = child.wait();
    }
}

impl Drop for Syncthing {
    fn drop(&mut self) {
        self.stop();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A bare HTTP POST to Syncthing's REST API.
fn post(port: u16, key: &str, path: &str) -> std::io::Result<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    write!(
        stream,
        "POST {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nX-API-Key: {key}\r\nContent-Length: 0\r\n\r\n"
    )?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    Ok(answer)
}

/// The names and sizes of the files under `from`'s sync folder.
fn listing(folder: &Path) -> Vec<(String, u64)> {
    files_in(&folder.join("smallwins-sync"))
        .into_iter()
        .filter_map(|f| {
            let rel = f.strip_prefix(folder).ok()?.display().to_string();
            Some((rel, fs::metadata(&f).ok()?.len()))
        })
        .collect()
}

struct Run {
    place: Place,
    started: Instant,
    a: Syncthing,
    b: Syncthing,
}

impl Run {
    /// Waits until both folders hold the same sync files (and the key),
    /// or fails once the budget is spent.
    fn until_alike(&self, what: &str) {
        loop {
            let (left, right) = (listing(&self.a.folder), listing(&self.b.folder));
            let key = |f: &Path| f.join("smallwins-sync").join("journal.key").exists();
            if left == right && !left.is_empty() && key(&self.a.folder) && key(&self.b.folder) {
                return;
            }
            if self.started.elapsed() > BUDGET {
                panic!(
                    "Syncthing did not bring {what} across within {} s.\nA holds {left:?}\nB holds {right:?}\nA's log:\n{}\nB's log:\n{}",
                    BUDGET.as_secs(),
                    self.a.log_tail(),
                    self.b.log_tail()
                );
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn smallwins(&self, journal: &str, args: &[&str]) -> String {
        self.place.run(journal, NOW, args)
    }
}

fn syncthing_on_path() -> bool {
    Command::new("syncthing")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn two_journals_sync_through_two_syncthings_on_the_loopback_address() {
    if !syncthing_on_path() {
        if std::env::var("SMALLWINS_SKIP_SYNCTHING").as_deref() == Ok("1") {
            eprintln!("syncthing is not on PATH; skipped, as SMALLWINS_SKIP_SYNCTHING=1 asks");
            return;
        }
        panic!(
            "syncthing is not on PATH: install it (Debian: apt-get install syncthing), or set SMALLWINS_SKIP_SYNCTHING=1 to skip this test"
        );
    }
    let place = Place::new();
    let started = Instant::now();
    let mut a = Syncthing::generate(&place, "laptop");
    let mut b = Syncthing::generate(&place, "desktop");
    a.configure(&b);
    b.configure(&a);
    a.start();
    b.start();
    let run = Run {
        place,
        started,
        a,
        b,
    };
    let pass = run.place.passphrase_file();
    let pass = pass.to_str().expect("path");
    let (dir_a, dir_b) = (
        run.a.folder.display().to_string(),
        run.b.folder.display().to_string(),
    );

    run.smallwins("a", &["promise", "add", "Stretch for ten seconds"]);
    run.smallwins("a", &["win", "sent the email I was avoiding"]);
    run.smallwins(
        "a",
        &[
            "sync",
            "init",
            &dir_a,
            "--passphrase-file",
            pass,
            "--name",
            "laptop",
        ],
    );
    run.until_alike("the new sync folder");
    run.smallwins("b", &["win", "walked the dog"]);
    run.smallwins(
        "b",
        &[
            "sync",
            "join",
            &dir_b,
            "--passphrase-file",
            pass,
            "--name",
            "desktop",
        ],
    );
    run.smallwins("a", &["kept", "1"]);
    run.smallwins("a", &["sync"]);
    run.until_alike("both machines' changes");
    run.smallwins("a", &["sync"]);
    run.smallwins("b", &["sync"]);
    run.until_alike("the last changes");

    let (left, right) = (exported(&run.place, "a"), exported(&run.place, "b"));
    assert_eq!(left, right);
    assert_eq!(left["wins"].as_array().map(Vec::len), Some(2));
    assert_eq!(left["checks"].as_array().map(Vec::len), Some(1));
    let status = run.place.json("b", NOW, &["sync", "status"]);
    assert_eq!(status["machines"][0]["name"], "laptop");
    assert_eq!(status["skipped"].as_array().map(Vec::len), Some(0));
    drop(run);
}
