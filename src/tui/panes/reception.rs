//! Today's booked visits (今日接待), shown above the inbox to those who receive visitors.

use crate::domain::role::Role;
use crate::service::api::BookingRow;
use crate::service::{Reply, Request, ServiceError};

use crate::tui::app::App;
use crate::tui::msg::{Effect, Purpose};

/// Visits the block shows at most; the rest are counted in its title.
pub const MAX_SHOWN: usize = 5;

/// Asks for today's visits, unless the user is known to be one who does not receive them.
pub fn refresh(app: &App) -> Vec<Effect> {
    let receives = app.summary.as_ref().is_none_or(|s| {
        [Role::Operator, Role::Clerk, Role::Supervisor]
            .iter()
            .any(|r| s.user.roles.has(*r))
    });
    if !receives {
        return Vec::new();
    }
    vec![Effect::call(
        Purpose::Reception,
        Request::Bookings { date: None },
    )]
}

/// The visits still to come or received today; a cancelled one is not on the desk.
pub fn reply(app: &mut App, r: Result<Reply, ServiceError>) -> Vec<Effect> {
    // A user who may not list visits has no block: the refusal is no news to them.
    app.reception = match r {
        Ok(Reply::Bookings { rows, .. }) => rows
            .into_iter()
            .filter(|r| !r.booking.cancelled)
            .collect::<Vec<BookingRow>>(),
        _ => Vec::new(),
    };
    Vec::new()
}

/// Rows the block takes from the body: its lines and two borders, or none.
pub fn height(app: &App) -> usize {
    match app.reception.len() {
        0 => 0,
        n => n.min(MAX_SHOWN) + 2,
    }
}
