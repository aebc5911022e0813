"""Alembic environment: runs against the connection claimledger hands it (store.migrate)."""

from alembic import context

from claimledger.store import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
