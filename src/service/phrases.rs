//! Canned phrases (常用语): every signed-in user reads them; administrators add and remove.

use crate::domain::phrase::{MAX_PHRASES, Phrase, PhraseId, PhraseUse};
use crate::domain::role::{Category, CategoryId, User};
use crate::store::{Meta, Mutation, Put};

use super::api::Reply;
use super::error::{Field, Problem, ServiceError};
use super::validate::clean;
use super::{Result, Service};

const PHRASE_COUNTER: &str = "phrase_id";

impl Service {
    /// The phrases of `use_` (all uses when none), for `category` (all when none).
    pub(super) fn phrases(
        &self,
        use_: Option<PhraseUse>,
        category: Option<CategoryId>,
    ) -> Result<Reply> {
        let all = self.store.phrases()?;
        Ok(Reply::Phrases(
            all.into_iter()
                .filter(|p| use_.is_none_or(|u| p.use_ == u))
                .filter(|p| category.is_none() || p.category.is_none() || p.category == category)
                .collect(),
        ))
    }

    pub(super) fn add_phrase(
        &self,
        user: &User,
        use_: PhraseUse,
        category: Option<CategoryId>,
        text: String,
    ) -> Result<Reply> {
        Self::require_admin(user)?;
        let text = clean(&text);
        if text.is_empty() {
            return Err(ServiceError::invalid(Field::Phrase, Problem::Empty));
        }
        let _guard = self.write.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(c) = category {
            self.store
                .get::<Category>(Meta::Categories, &c.to_be_bytes())?
                .ok_or(ServiceError::invalid(Field::Category, Problem::NotFound))?;
        }
        let all = self.store.phrases()?;
        if all.len() >= MAX_PHRASES {
            return Err(ServiceError::invalid(
                Field::Phrase,
                Problem::TooMany {
                    max: MAX_PHRASES as u32,
                },
            ));
        }
        if all
            .iter()
            .any(|p| p.use_ == use_ && p.category == category && p.text == text)
        {
            return Err(ServiceError::invalid(Field::Phrase, Problem::Duplicate));
        }
        let id = self.store.counter(PHRASE_COUNTER)? as PhraseId + 1;
        let p = Phrase {
            id,
            use_,
            category,
            text,
        };
        self.store.commit(&Mutation {
            puts: vec![
                Put::phrase(&p)?,
                Put::counter(PHRASE_COUNTER, u64::from(id)),
            ],
            ..Mutation::default()
        })?;
        Ok(Reply::Phrase(p))
    }

    pub(super) fn remove_phrase(&self, user: &User, id: PhraseId) -> Result<Reply> {
        Self::require_admin(user)?;
        let _guard = self.write.lock().unwrap_or_else(|p| p.into_inner());
        let Some(p) = self.store.phrases()?.into_iter().find(|p| p.id == id) else {
            return Err(ServiceError::invalid(Field::Phrase, Problem::NotFound));
        };
        self.store.commit(&Mutation {
            puts: vec![Put::no_phrase(id)],
            ..Mutation::default()
        })?;
        Ok(Reply::Phrase(p))
    }
}
