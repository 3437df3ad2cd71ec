"""National inventories in the API (issue 22): the list, and one inventory with its
instrument, national picture and per-region records (inventories/document.py)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from werkset.inventories.models import CharacteristicVerdict, Participation
from werkset.inventories.toetsingskader import Verdict

VERDICTS = Verdict.choices


class InventoryListSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    year = serializers.IntegerField()


class CountSerializer(serializers.Serializer):
    n = serializers.IntegerField(help_text=_("The number of regions."))
    regions = serializers.ListField(child=serializers.CharField(), help_text=_("Region codes."))


class VerdictCountSerializer(CountSerializer):
    verdict = serializers.ChoiceField(choices=VERDICTS)
    label = serializers.CharField()


class ParticipationCountSerializer(CountSerializer):
    participation = serializers.ChoiceField(choices=Participation.choices)


class PartnerCountSerializer(serializers.Serializer):
    partner = serializers.CharField()
    participation = ParticipationCountSerializer(many=True)


class FrequencyCountSerializer(CountSerializer):
    frequency = serializers.CharField()


class CodeCountSerializer(CountSerializer):
    category = serializers.CharField()
    code = serializers.CharField()


class QuestionCountSerializer(serializers.Serializer):
    question = serializers.CharField()
    applies_to = serializers.ChoiceField(choices=["wel", "geen", "alle"])
    n = serializers.IntegerField(help_text=_("The number of regions the question applies to."))
    codes = CodeCountSerializer(many=True)


class PictureSerializer(serializers.Serializer):
    total_regions = serializers.IntegerField()
    verdicts = VerdictCountSerializer(many=True)
    with_actieoverleg = serializers.ListField(child=serializers.CharField())
    just_started = serializers.ListField(child=serializers.CharField())
    participants = PartnerCountSerializer(many=True)
    frequencies = FrequencyCountSerializer(many=True)
    questions = QuestionCountSerializer(many=True)


class CharacteristicSerializer(serializers.Serializer):
    characteristic = serializers.CharField()
    verdict = serializers.ChoiceField(choices=CharacteristicVerdict.choices)
    explanation = serializers.CharField(allow_blank=True)


class ParticipantSerializer(serializers.Serializer):
    partner = serializers.CharField()
    participation = serializers.ChoiceField(choices=Participation.choices)


class RegionRecordSerializer(serializers.Serializer):
    region = serializers.CharField()
    verdict = serializers.ChoiceField(choices=VERDICTS)
    just_started = serializers.BooleanField()
    frequency = serializers.CharField(allow_blank=True)
    characteristics = CharacteristicSerializer(many=True)
    participants = ParticipantSerializer(many=True)
    codes = serializers.ListField(child=serializers.CharField())
    summary = serializers.CharField(allow_blank=True)


class InventorySerializer(InventoryListSerializer):
    instrument = serializers.DictField(help_text=_("The instrument as loaded (data file)."))
    picture = PictureSerializer()
    regions = RegionRecordSerializer(many=True)
