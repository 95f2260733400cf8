"""Everyday English and Filipino words a search-gap query may keep besides the KB's own.

Scrubbing keeps a word only if the KB or this list knows it; every other word is masked,
so a customer's name never reaches the gap log. No personal names belong here.
"""

from __future__ import annotations

_ENGLISH = """
a about above account accounts after again against ago all almost already also always am an
and angry another answer any anyone anything app are area around as ask asked asking at away
back bad bank be because been before being best better between bill billing bit both busy but
buy by call called caller calling calls came can cancel cancelled cannot cant card care case
change changed charge charged charges chat check checked checking close closed come comes
company complain complaint confirm connection contact could customer customers cut daily
damage data date day days deal delay delayed delivery did didnt different do does doesnt
doing done dont down due during each early else email end ended error even every everything
explain fail failed fee fees few file find first fix fixed follow for forgot found free from
full get gets getting give given go goes going gone good got had hang happen happened has
have having he hear help her here him his hold home how i id if im in internet into is issue
issues it its just keep kind know last late later leave let like line little load long look
lost loud made make manager many may me mean message might mind minute minutes miss missing
money month more most much my name need needs never new next no not nothing now number of off
offer office ok okay old on once one online only open or order other our out over paid pay
payment payments people person phone plan please point policy problem problems promise
question questions quick rate really reason refund refunds register repeat reply report
request reset return right said same say says see send sent service set should show sign
signal since slow so some someone something sorry speak speaking start still stop supervisor
sure system take talk talking team tell than thank thanks that the their them then there these
they thing things think this those threat through ticket time times to today told too
transfer transferred try trying turn two unable under understand until up update upset us use
used user very wait waiting want wants was way we week well went were what when where which
while who why will with without wont work working would wrong yes yesterday yet you your
"""

_FILIPINO = """
akin ako amin ang ano anong apat araw at ayaw ayoko bakit bago bayad bayaran bigay bill bukas
daw din dito diyan eh galit gusto hanggang hindi hinihintay huwag iba ibang ikaw ilan ito iyan
iyon ka kahapon kailan kami kanila kanina kapag kasi kay kayo kaya ko kong kumusta kung lahat
lang lalo mag maghintay magkano mahal mahina makausap mali marami may mayroon mga mo muna
na naman namin nang natin ng nga ngayon ni nila nito niya no oo opo pa paano pag pagbabayad
pakiusap para pasensya pera po puwede pwede rin sa saan sabi sabihin sana si sige sila sino
siya sobra tawag tayo tulong tumawag wala walang yan yung
"""

COMMON_WORDS = frozenset(_ENGLISH.split()) | frozenset(_FILIPINO.split())
