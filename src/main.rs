use smallwins::config::Config;
use smallwins::domain::{Clock, Journal};

fn main() -> color_eyre::Result<()> {
    color_eyre::install()?;
    let path = std::env::var("SMALLWINS_DB").unwrap_or_else(|_| "/tmp/sw.db".into());
    let clock = Clock::from_env().map_err(|e| color_eyre::eyre::eyre!(e))?;
    let journal = Journal::open(std::path::Path::new(&path), clock, Config::default())?;
    smallwins::ui::run(journal)
}
