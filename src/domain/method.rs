//! How the petitioner was told: the one word list of feedback and notice methods. A notice
//! stores the code (`phone`), never a label in someone's language.

use serde::{Deserialize, Serialize};

use super::case::coded_enum;

coded_enum!(
    Method {
        Phone = "phone",
        Sms = "sms",
        Letter = "letter",
        InPerson = "in_person",
        Online = "online",
        Email = "email",
    }
);
