from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.session_interactivity_type_enum import (
    SessionInteractivityTypeEnum,
    check_session_interactivity_type_enum,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.avatar_persona import AvatarPersona
    from ..models.dynamic_variables import DynamicVariables
    from ..models.memory_ref import MemoryRef
    from ..models.video_settings import VideoSettings
    from ..models.voice_agent_ref import VoiceAgentRef


T = TypeVar("T", bound="FullSessionTokenRequest")


@_attrs_define
class FullSessionTokenRequest:
    """A FULL session: LiveAvatar runs speech recognition, the language model
    and speech synthesis. Exactly one of `avatar_persona` and
    `voice_agent` chooses the voice and behaviour; the server answers 422
    to neither or both.

    """

    avatar_id: UUID
    """ The avatar to render. """
    mode: Literal["FULL"] | Unset = "FULL"
    """ Selects FULL mode. Leave it out with a stored voice agent, whose
    own type decides the mode.
     """
    is_sandbox: bool | Unset = False
    """ A free, time-limited sandbox session. """
    video_settings: None | Unset | VideoSettings = UNSET
    max_session_duration: int | Unset = UNSET
    """ No minimum is published, so none is declared (the server decides).
    Hard cap on the session length in seconds; at most the limit of
    the subscription tier, and at most 60 in sandbox.
     """
    avatar_persona: AvatarPersona | Unset = UNSET
    """ An inline voice, context and voice settings. Deprecated in favour of a
    stored voice agent; mutually exclusive with `voice_agent`.
     """
    voice_agent: VoiceAgentRef | Unset = UNSET
    """ A stored voice agent, by id. The service resolves the agent's type;
    an ElevenLabs agent gives a LITE session even from a FULL request.
    Mutually exclusive with `avatar_persona`.
     """
    interactivity_type: SessionInteractivityTypeEnum | Unset = UNSET
    """ Turn-taking: the avatar listens all the time, or only while the
    client holds a push-to-talk window open.
     """
    llm_configuration_id: UUID | Unset = UNSET
    """ A custom language-model configuration to use. """
    dynamic_variables: DynamicVariables | Unset = UNSET
    """ Values for the `${name}` placeholders in the context's opening text
    and prompt. Extra keys are ignored. At most 50 entries; keys of at
    most 64 characters (no minimum is published); values of at most 1000
    characters.
     """
    memory: MemoryRef | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.memory_ref import MemoryRef
        from ..models.video_settings import VideoSettings

        avatar_id = str(self.avatar_id)

        mode = self.mode

        is_sandbox = self.is_sandbox

        video_settings: dict[str, Any] | None | Unset
        if isinstance(self.video_settings, Unset):
            video_settings = UNSET
        elif isinstance(self.video_settings, VideoSettings):
            video_settings = self.video_settings.to_dict()
        else:
            video_settings = self.video_settings

        max_session_duration = self.max_session_duration

        avatar_persona: dict[str, Any] | Unset = UNSET
        if not isinstance(self.avatar_persona, Unset):
            avatar_persona = self.avatar_persona.to_dict()

        voice_agent: dict[str, Any] | Unset = UNSET
        if not isinstance(self.voice_agent, Unset):
            voice_agent = self.voice_agent.to_dict()

        interactivity_type: str | Unset = UNSET
        if not isinstance(self.interactivity_type, Unset):
            interactivity_type = self.interactivity_type

        llm_configuration_id: str | Unset = UNSET
        if not isinstance(self.llm_configuration_id, Unset):
            llm_configuration_id = str(self.llm_configuration_id)

        dynamic_variables: dict[str, Any] | Unset = UNSET
        if not isinstance(self.dynamic_variables, Unset):
            dynamic_variables = self.dynamic_variables.to_dict()

        memory: dict[str, Any] | None | Unset
        if isinstance(self.memory, Unset):
            memory = UNSET
        elif isinstance(self.memory, MemoryRef):
            memory = self.memory.to_dict()
        else:
            memory = self.memory

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "avatar_id": avatar_id,
            }
        )
        if mode is not UNSET:
            field_dict["mode"] = mode
        if is_sandbox is not UNSET:
            field_dict["is_sandbox"] = is_sandbox
        if video_settings is not UNSET:
            field_dict["video_settings"] = video_settings
        if max_session_duration is not UNSET:
            field_dict["max_session_duration"] = max_session_duration
        if avatar_persona is not UNSET:
            field_dict["avatar_persona"] = avatar_persona
        if voice_agent is not UNSET:
            field_dict["voice_agent"] = voice_agent
        if interactivity_type is not UNSET:
            field_dict["interactivity_type"] = interactivity_type
        if llm_configuration_id is not UNSET:
            field_dict["llm_configuration_id"] = llm_configuration_id
        if dynamic_variables is not UNSET:
            field_dict["dynamic_variables"] = dynamic_variables
        if memory is not UNSET:
            field_dict["memory"] = memory

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.avatar_persona import AvatarPersona
        from ..models.dynamic_variables import DynamicVariables
        from ..models.memory_ref import MemoryRef
        from ..models.video_settings import VideoSettings
        from ..models.voice_agent_ref import VoiceAgentRef

        d = dict(src_dict)
        avatar_id = UUID(d.pop("avatar_id"))

        mode = cast(Literal["FULL"] | Unset, d.pop("mode", UNSET))
        if mode != "FULL" and not isinstance(mode, Unset):
            raise ValueError(f"mode must match const 'FULL', got '{mode}'")

        is_sandbox = d.pop("is_sandbox", UNSET)

        def _parse_video_settings(data: object) -> None | Unset | VideoSettings:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                video_settings_type_0 = VideoSettings.from_dict(data)

                return video_settings_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | VideoSettings, data)

        video_settings = _parse_video_settings(d.pop("video_settings", UNSET))

        max_session_duration = d.pop("max_session_duration", UNSET)

        _avatar_persona = d.pop("avatar_persona", UNSET)
        avatar_persona: AvatarPersona | Unset
        if isinstance(_avatar_persona, Unset):
            avatar_persona = UNSET
        else:
            avatar_persona = AvatarPersona.from_dict(_avatar_persona)

        _voice_agent = d.pop("voice_agent", UNSET)
        voice_agent: VoiceAgentRef | Unset
        if isinstance(_voice_agent, Unset):
            voice_agent = UNSET
        else:
            voice_agent = VoiceAgentRef.from_dict(_voice_agent)

        _interactivity_type = d.pop("interactivity_type", UNSET)
        interactivity_type: SessionInteractivityTypeEnum | Unset
        if isinstance(_interactivity_type, Unset):
            interactivity_type = UNSET
        else:
            interactivity_type = check_session_interactivity_type_enum(
                _interactivity_type
            )

        _llm_configuration_id = d.pop("llm_configuration_id", UNSET)
        llm_configuration_id: UUID | Unset
        if isinstance(_llm_configuration_id, Unset):
            llm_configuration_id = UNSET
        else:
            llm_configuration_id = UUID(_llm_configuration_id)

        _dynamic_variables = d.pop("dynamic_variables", UNSET)
        dynamic_variables: DynamicVariables | Unset
        if isinstance(_dynamic_variables, Unset):
            dynamic_variables = UNSET
        else:
            dynamic_variables = DynamicVariables.from_dict(_dynamic_variables)

        def _parse_memory(data: object) -> MemoryRef | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                memory_type_0 = MemoryRef.from_dict(data)

                return memory_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MemoryRef | None | Unset, data)

        memory = _parse_memory(d.pop("memory", UNSET))

        full_session_token_request = cls(
            avatar_id=avatar_id,
            mode=mode,
            is_sandbox=is_sandbox,
            video_settings=video_settings,
            max_session_duration=max_session_duration,
            avatar_persona=avatar_persona,
            voice_agent=voice_agent,
            interactivity_type=interactivity_type,
            llm_configuration_id=llm_configuration_id,
            dynamic_variables=dynamic_variables,
            memory=memory,
        )

        full_session_token_request.additional_properties = d
        return full_session_token_request

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
