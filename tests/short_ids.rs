//! A win's short id is found from its neighbours in key order (two look-ups
//! in an index) and must be exactly the one worked out from every win of
//! the journal; `win edit`/`win delete` find a win by it the same way.

mod common;

use chrono::{Duration, NaiveDateTime};
use common::{Fixture, d};
use smallwins::domain::short_id::{self, SHORT_ID_LEN, short_ids};
use smallwins::model::Win;
use smallwins::store::{EXPORT_FORMAT, EXPORT_VERSION, Export};

/// Enough wins that some share six digits of their key (about a dozen
/// pairs among 20,000 in 16.7 million keys).
const WINS: usize = 20_000;

fn many_wins() -> Export {
    let first = d("2026-01-01");
    let noon =
        |day: chrono::NaiveDate| -> NaiveDateTime { day.and_hms_opt(12, 0, 0).expect("noon") };
    let mut rng = fastrand::Rng::with_seed(7);
    let wins = (0..WINS)
        .map(|n| {
            let day = first + Duration::days((n % 300) as i64);
            Win {
                id: format!("{:032x}", rng.u128(..)),
                day,
                text: format!("small win {n}"),
                area: None,
                created_at: noon(day),
                private: false,
            }
        })
        .collect();
    Export {
        format: EXPORT_FORMAT.into(),
        version: EXPORT_VERSION,
        exported_at: noon(d("2026-11-21")),
        from: None,
        to: None,
        promises: Vec::new(),
        checks: Vec::new(),
        wins,
        checkins: Vec::new(),
        reflections: Vec::new(),
        reviews: Vec::new(),
    }
}

#[test]
fn every_short_id_from_its_neighbours_is_the_one_from_all_wins() {
    let f = Fixture::new();
    let mut j = f.open("2026-11-21T08:30");
    let data = many_wins();
    j.add_history(&data).expect("wins");
    let expected = short_ids(data.wins.iter().map(|w| w.id.as_str()));
    let mut longer = 0;
    for win in &data.wins {
        let short = j.win_short_id(&win.id).expect("short id");
        assert_eq!(short, expected[&win.id], "{}", win.id);
        longer += usize::from(short.len() > SHORT_ID_LEN);
    }
    assert!(
        longer >= 2,
        "the journal should hold keys sharing six digits"
    );
}

#[test]
fn a_win_is_found_by_its_short_id_by_four_digits_and_by_its_full_id() {
    let f = Fixture::new();
    let mut j = f.open("2026-11-21T08:30");
    let data = many_wins();
    j.add_history(&data).expect("wins");
    let expected = short_ids(data.wins.iter().map(|w| w.id.as_str()));
    for win in data.wins.iter().step_by(97) {
        let short = &expected[&win.id];
        let found = j.find_win(short).expect("found by its short id");
        assert_eq!(found.win.id, win.id);
        assert_eq!(&found.short_id, short);
        let upper = j.find_win(&short.to_uppercase()).expect("any case");
        assert_eq!(upper.win.id, win.id);
        assert_eq!(j.find_win(&win.id).expect("full id").win.id, win.id);

        // Four digits name it when no other key starts with them, and say
        // how many fit when some do: the same count as a look at every win.
        let four = &short[..4];
        let fits = data
            .wins
            .iter()
            .filter(|w| short_id::names(four, &w.id))
            .count();
        match j.find_win(four) {
            Ok(found) => {
                assert_eq!(fits, 1, "{four}");
                assert_eq!(found.win.id, win.id);
            }
            Err(e) => {
                assert!(fits > 1, "{four}: {e}");
                assert!(e.to_string().contains(&format!("fits {fits} wins")), "{e}");
            }
        }
    }
    let e = j.find_win("zz").expect_err("too short");
    assert!(e.to_string().contains("too short"), "{e}");
    let e = j.find_win("not-a-win").expect_err("no such win");
    assert!(e.to_string().contains("No win has the id"), "{e}");
}

#[test]
fn a_new_win_gets_its_key_and_a_deleted_one_gives_its_digits_back() {
    let f = Fixture::new();
    let mut j = f.open("2026-11-21T08:30");
    let win = j
        .add_win(d("2026-11-21"), "made the bed", None)
        .expect("win");
    let short = j.win_short_id(&win.id).expect("short id");
    assert_eq!(short, short_id::hash_key(&win.id)[..SHORT_ID_LEN]);
    assert_eq!(j.find_win(&short).expect("found").win.id, win.id);
    j.delete_win(&win).expect("delete");
    assert!(j.find_win(&short).is_err());
}
