class User:
    user_name: str | None
    display_name: str | None

class CurrentUserAPI:
    def me(self) -> User: ...
