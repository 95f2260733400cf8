<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fil_PH" sourcelanguage="en_US">
<context>
    <name>CallToolsPanel</name>
    <message>
        <location filename="../desktop/ui/call_tools.py" line="+417"/>
        <location line="+1"/>
        <source>End call</source>
        <translation>Tapusin ang tawag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear notes and customer details, stop the hold timer, reset warnings</source>
        <translation>Burahin ang notes at detalye ng customer, ihinto ang hold timer, i-reset ang mga babala</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Call</source>
        <translation>Tawag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Customer name</source>
        <translation>Pangalan ng customer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issue</source>
        <translation>Isyu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agent name</source>
        <translation>Pangalan ng agent</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fills {customer}</source>
        <translation>Pumupuno sa {customer}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fills {issue}</source>
        <translation>Pumupuno sa {issue}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fills {agent}</source>
        <translation>Pumupuno sa {agent}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Main points — what the customer said</source>
        <translation>Mga pangunahing punto — ang sinabi ng customer</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hold</source>
        <translation>Hold</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minutes (for {minutes})</source>
        <translation>Minuto (para sa {minutes})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How many more minutes you told the customer</source>
        <translation>Ilang minuto pa ang sinabi mo sa customer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check back with the customer now</source>
        <translation>Balikan na ang customer ngayon</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Abusive caller</source>
        <translation>Bastos na caller</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Warning given</source>
        <translation>Nabigyan ng babala</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset</source>
        <translation>I-reset</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset warnings</source>
        <translation>I-reset ang mga babala</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each time the caller is abusive, press “Warning given” and read the phrase shown.</source>
        <translation>Tuwing magiging bastos ang caller, pindutin ang “Nabigyan ng babala” at basahin ang phrase na lalabas.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Policy: you may end the call</source>
        <translation>Ayon sa policy: puwede mo nang tapusin ang tawag</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Take a moment</source>
        <translation>Huminga muna sandali</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skip</source>
        <translation>Laktawan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skip recovery break</source>
        <translation>Laktawan ang recovery break</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Thank you for waiting, {customer}. I&apos;m still working on it. May I keep you on hold a little longer?</source>
        <translation>Salamat po sa paghihintay, {customer}. Inaasikaso ko pa rin po ito. Puwede ko po ba kayong i-hold nang kaunti pa?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Breathe in slowly, and out slowly.</source>
        <translation>Huminga nang dahan-dahan, at dahan-dahang ibuga.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stand up and stretch.</source>
        <translation>Tumayo at mag-stretch.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Drink some water.</source>
        <translation>Uminom ng tubig.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>I asked you to stop using that language, and it has continued. As I explained, I&apos;m ending this call now.</source>
        <translation>Pinakiusapan ko po kayong itigil ang ganyang pananalita, pero nagpapatuloy pa rin po ito. Gaya ng nabanggit ko, tatapusin ko na po ang tawag na ito.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{customer}, I want to help you, but please stop using that language. If it continues, I will have to end the call.</source>
        <translation>{customer}, gusto ko po kayong tulungan, pero pakiusap, itigil po natin ang ganyang pananalita. Kung magpapatuloy po ito, mapipilitan akong tapusin ang tawag.</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>End hold</source>
        <translation>Tapusin ang hold</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Start hold</source>
        <translation>Simulan ang hold</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>On hold for {time}</source>
        <translation>Naka-hold nang {time}</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Warnings: {count} / {limit}</source>
        <translation>Mga babala: {count} / {limit}</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Recovery break: {time} left</source>
        <translation>Recovery break: {time} na lang</translation>
    </message>
</context>
<context>
    <name>CardColumn</name>
    <message>
        <location filename="../desktop/ui/card_view.py" line="+302"/>
        <source>Why:</source>
        <translation>Bakit:</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Filipino</source>
        <translation>Filipino</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 version</source>
        <translation>Bersyong %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Say</source>
        <translation>Sabihin</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Don’t say</source>
        <translation>Huwag sabihin</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 copies the phrase with that number from this column</source>
        <translation>Kinokopya ng %1 ang phrase na may ganoong numero sa column na ito</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Don’t say these</source>
        <translation>Huwag itong sabihin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No %1 version of this card yet.</source>
        <translation>Wala pang bersyong %1 ang card na ito.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy phrase %1 (%2)</source>
        <translation>Kopyahin ang phrase %1 (%2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy this phrase</source>
        <translation>Kopyahin ang phrase na ito</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Phrase %1</source>
        <translation>Phrase %1</translation>
    </message>
</context>
<context>
    <name>CardEditor</name>
    <message>
        <location filename="../desktop/ui/trainer/editor.py" line="+157"/>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Filipino</source>
        <translation>Filipino</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create translation</source>
        <translation>Gumawa ng salin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This file changed on disk since you opened it. Saving will show both versions and let you choose.</source>
        <translation>Nabago ang file na ito sa disk mula nang buksan mo. Kapag nag-save ka, ipapakita ang dalawang bersyon at ikaw ang pipili.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>No Filipino version yet.</source>
        <translation>Wala pang bersyong Filipino.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No English version yet.</source>
        <translation>Wala pang bersyong English.</translation>
    </message>
</context>
<context>
    <name>CardListPanel</name>
    <message>
        <location filename="../desktop/ui/trainer/panels.py" line="+87"/>
        <source>Cards</source>
        <translation>Mga card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by title or file name</source>
        <translation>I-filter ayon sa pamagat o pangalan ng file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card</source>
        <translation>Card</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stage</source>
        <translation>Yugto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Flags</source>
        <translation>Mga flag</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>FIL missing</source>
        <translation>Walang FIL</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>EN missing</source>
        <translation>Walang EN</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>FIL outdated</source>
        <translation>Luma na ang FIL</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>EN outdated</source>
        <translation>Luma na ang EN</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>draft</source>
        <translation>draft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>review due</source>
        <translation>dapat i-review</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n error</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n babala</numerusform>
            <numerusform>%n babala</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CardPreview</name>
    <message>
        <location filename="../desktop/ui/trainer/preview.py" line="+60"/>
        <source>Not a valid card yet, line</source>
        <translation>Hindi pa wastong card, linya</translation>
    </message>
</context>
<context>
    <name>CardView</name>
    <message>
        <location filename="../desktop/ui/card_view.py" line="+178"/>
        <source>Type what the customer says, or pick a call stage above. Enter copies the first phrase.</source>
        <translation>I-type ang sinasabi ng customer, o pumili ng yugto ng tawag sa itaas. Kinokopya ng Enter ang unang phrase.</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Filipino</source>
        <translation>Filipino</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copied phrase %1 (%2)</source>
        <translation>Nakopya ang phrase %1 (%2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copied phrase %1</source>
        <translation>Nakopya ang phrase %1</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Phone</source>
        <translation>Telepono</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Review due</source>
        <translation>Dapat nang i-review</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This card was due for review on %1. Tell your trainer if it looks out of date.</source>
        <translation>Dapat na-review ang card na ito noong %1. Sabihan ang trainer mo kung mukhang luma na.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Type the customer&apos;s main points in Notes; they appear here to read back.</source>
        <translation>I-type sa Notes ang mga pangunahing punto ng customer; lalabas sila rito para basahin pabalik.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Unpin this card (Ctrl+P)</source>
        <translation>I-unpin ang card na ito (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pin this card (Ctrl+P)</source>
        <translation>I-pin ang card na ito (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Selected card</source>
        <translation>Napiling card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>EN</source>
        <translation>EN</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Both</source>
        <translation>Pareho</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>FIL</source>
        <translation>FIL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the English card only</source>
        <translation>English na card lang ang ipakita</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show English and Filipino side by side</source>
        <translation>Ipakita nang magkatabi ang English at Filipino</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the Filipino card only</source>
        <translation>Filipino na card lang ang ipakita</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Card title</source>
        <translation>Pamagat ng card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stage and situation</source>
        <translation>Yugto at sitwasyon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read back the main points</source>
        <translation>Basahin pabalik ang mga pangunahing punto</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>Copy the notes</source>
        <translation>Kopyahin ang notes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy confirmation</source>
        <translation>Kumpirmasyon ng pagkopya</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hint</source>
        <translation>Tip</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Copied the notes</source>
        <translation>Nakopya ang notes</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../desktop/ui/trainer/dialogs.py" line="+68"/>
        <source>File changed on disk</source>
        <translation>Nabago ang file sa disk</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} was deleted on disk after you opened it. Keep your version (it will be written again) or cancel.</source>
        <translation>Binura sa disk ang {0} matapos mo itong buksan. Panatilihin ang bersyon mo (isusulat itong muli) o i-cancel.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} was changed on disk (by another program or person) after you opened it. Choose which version to keep; nothing is overwritten until you choose.</source>
        <translation>Nabago sa disk ang {0} (ng ibang program o tao) matapos mo itong buksan. Piliin kung aling bersyon ang itatago; walang mapapatungan hangga&apos;t hindi ka pumipili.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your version</source>
        <translation>Bersyon mo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted on disk</source>
        <translation>Binura sa disk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version on disk now</source>
        <translation>Bersyong nasa disk ngayon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep mine</source>
        <translation>Itago ang akin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take theirs</source>
        <translation>Kunin ang nasa disk</translation>
    </message>
</context>
<context>
    <name>ContextBar</name>
    <message>
        <location filename="../desktop/ui/context_bar.py" line="+395"/>
        <location line="+5"/>
        <source>Call stage</source>
        <translation>Yugto ng tawag</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Calm it down</source>
        <translation>Pakalmahin</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <source>Situation</source>
        <translation>Sitwasyon</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Channel:</source>
        <translation>Channel:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cards in:</source>
        <translation>Card sa:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>De-escalation steps</source>
        <translation>Mga hakbang sa pagpapakalma</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Situation: %1</source>
        <translation>Sitwasyon: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Clear</source>
        <translation>I-clear</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the call stage and situation (Esc twice)</source>
        <translation>I-clear ang yugto ng tawag at sitwasyon (Esc nang dalawang beses)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the context</source>
        <translation>I-clear ang konteksto</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Call stage: %1</source>
        <translation>Yugto ng tawag: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the cards for this stage; click again to show all</source>
        <translation>Ipakita ang mga card para sa yugtong ito; i-click ulit para ipakita lahat</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Step %1 of %2: %3</source>
        <translation>Hakbang %1 sa %2: %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Alt+Right: next step · Alt+Left: previous step</source>
        <translation>Alt+Kanan: susunod na hakbang · Alt+Kaliwa: naunang hakbang</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Any</source>
        <translation>Kahit ano</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Phone</source>
        <translation>Telepono</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Channel: %1</source>
        <translation>Channel: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>EN + FIL</source>
        <translation>EN + FIL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>English and Filipino</source>
        <translation>English at Filipino</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filipino</source>
        <translation>Filipino</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search cards in: %1</source>
        <translation>Maghanap ng card sa: %1</translation>
    </message>
</context>
<context>
    <name>GapsPanel</name>
    <message>
        <location filename="../desktop/ui/trainer/panels.py" line="+127"/>
        <source>Search</source>
        <translation>Hinanap</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Times</source>
        <translation>Ilang beses</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear log</source>
        <translation>Burahin ang log</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>I-refresh</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Search-gap logging is on for this computer.</source>
        <translation>Naka-on ang pag-log ng search gap sa computer na ito.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search-gap logging is off; it can be turned on in the settings (or by IT).</source>
        <translation>Naka-off ang pag-log ng search gap; puwede itong i-on sa settings (o ng IT).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Searches that found nothing, or where no phrase was copied. The log stays on this computer; numbers, e-mail addresses and customer names are removed.</source>
        <translation>Mga hinanap na walang nakita, o walang kinopyang phrase. Nasa computer na ito lang ang log; tinatanggal ang mga numero, e-mail address at pangalan ng customer.</translation>
    </message>
</context>
<context>
    <name>LintPanel</name>
    <message>
        <location line="-95"/>
        <source>Severity</source>
        <translation>Bigat</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Line</source>
        <translation>Linya</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>warning</source>
        <translation>babala</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Lint: %n error(s)</source>
        <translation>
            <numerusform>Lint: %n error</numerusform>
            <numerusform>Lint: %n error</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n babala</numerusform>
            <numerusform>%n babala</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../desktop/ui/main_window.py" line="+589"/>
        <location line="+657"/>
        <source>Loading the knowledge base…</source>
        <translation>Nilo-load ang knowledge base…</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>Copy phrase 1 to 9 (left column of the card)</source>
        <translation>Kopyahin ang phrase 1 hanggang 9 (kaliwang column ng card)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy phrase 1 to 9 of the right column, when both languages are shown</source>
        <translation>Kopyahin ang phrase 1 hanggang 9 ng kanang column, kapag parehong wika ang nakikita</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Checking the knowledge base…</source>
        <translation>Sinusuri ang knowledge base…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Updating the search index: %1 of %2 files</source>
        <translation>Ina-update ang search index: %1 sa %2 na file</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Knowledge base ready: %n card(s)</source>
        <translation>
            <numerusform>Handa na ang knowledge base: %n card</numerusform>
            <numerusform>Handa na ang knowledge base: %n card</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Knowledge base updated</source>
        <translation>Na-update ang knowledge base</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not load the knowledge base: %1</source>
        <translation>Hindi ma-load ang knowledge base: %1</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>The knowledge base changed; updating…</source>
        <translation>May binago sa knowledge base; ina-update…</translation>
    </message>
    <message>
        <location line="-563"/>
        <source>KB folder not reachable — showing the last loaded cards</source>
        <translation>Hindi maabot ang KB folder — ipinapakita ang huling na-load na mga card</translation>
    </message>
    <message>
        <location line="+567"/>
        <source>The knowledge base folder cannot be reached:
%1

Check the network drive or ask IT. Cards appear as soon as the folder is back.</source>
        <translation>Hindi maabot ang folder ng knowledge base:
%1

Tingnan ang network drive o magtanong sa IT. Lalabas ulit ang mga card kapag bumalik na ang folder.</translation>
    </message>
    <message numerus="yes">
        <location line="-540"/>
        <source>⚠ %n KB file(s) need fixing</source>
        <translation>
            <numerusform>⚠ %n KB file ang kailangang ayusin</numerusform>
            <numerusform>⚠ %n KB file ang kailangang ayusin</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>These files were skipped; the other cards work. Click for details.</source>
        <translation>Nilaktawan ang mga file na ito; gumagana pa rin ang ibang card. I-click para sa detalye.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Knowledge base problems</source>
        <translation>Mga problema sa knowledge base</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Some KB files could not be read. The other cards still work; tell your trainer or run `kalma lint`.</source>
        <translation>May mga KB file na hindi mabasa. Gumagana pa rin ang ibang card; sabihan ang trainer mo o patakbuhin ang `kalma lint`.</translation>
    </message>
    <message>
        <location line="+533"/>
        <source>Search failed: %1</source>
        <translation>Pumalya ang paghahanap: %1</translation>
    </message>
    <message>
        <location line="-441"/>
        <source>Pinned, recent and all cards</source>
        <translation>Naka-pin, kamakailan, at lahat ng card</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n resulta</numerusform>
            <numerusform>%n resulta</numerusform>
        </translation>
    </message>
    <message>
        <location line="+447"/>
        <source>No cards match. Try fewer words, or clear the call stage and situation (Esc twice).</source>
        <translation>Walang tugmang card. Bawasan ang mga salita, o i-clear ang yugto ng tawag at sitwasyon (Esc nang dalawang beses).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No cards match. Try other words, in English or Filipino.</source>
        <translation>Walang tugmang card. Subukan ang ibang salita, sa English o Filipino.</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Copied: %1</source>
        <translation>Nakopya: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pinned</source>
        <translation>Naka-pin</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unpinned</source>
        <translation>Inalis sa pin</translation>
    </message>
    <message>
        <location line="-100"/>
        <location line="+168"/>
        <source>Keyboard shortcuts</source>
        <translation>Mga keyboard shortcut</translation>
    </message>
    <message>
        <location line="-630"/>
        <source>Offline copy from %1</source>
        <translation>Offline na kopya, kuha noong %1</translation>
    </message>
    <message>
        <location line="+466"/>
        <source>Go to the search box</source>
        <translation>Pumunta sa search box</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Clear the search; again to clear stage and situation</source>
        <translation>Burahin ang hinahanap; isa pa para i-clear ang yugto at sitwasyon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Up, Down</source>
        <translation>Pataas, Pababa</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Choose a result</source>
        <translation>Pumili ng resulta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copy the first phrase of the card</source>
        <translation>Kopyahin ang unang phrase ng card</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Next or previous de-escalation step</source>
        <translation>Susunod o naunang hakbang sa pagpapakalma</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pin or unpin the card</source>
        <translation>I-pin o i-unpin ang card</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+145"/>
        <source>Mini mode</source>
        <translation>Mini mode</translation>
    </message>
    <message>
        <location line="-144"/>
        <source>Show or hide the call tools</source>
        <translation>Ipakita o itago ang call tools</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bigger, smaller, normal text</source>
        <translation>Palakihin, paliitin, normal na laki ng text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trainer mode</source>
        <translation>Trainer mode</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+146"/>
        <source>About Kalma</source>
        <translation>Tungkol sa Kalma</translation>
    </message>
    <message>
        <location line="-145"/>
        <source>Kalma %1 — phrase cards for calm calls.
Knowledge base: %2</source>
        <translation>Kalma %1 — mga phrase card para sa mahinahong tawag.
Knowledge base: %2</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+139"/>
        <source>Kalma</source>
        <translation>Kalma</translation>
    </message>
    <message>
        <location line="-137"/>
        <source>Search phrases… what is the customer saying? (Ctrl+K)</source>
        <translation>Maghanap ng phrase… ano ang sinasabi ng customer? (Ctrl+K)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search phrases</source>
        <translation>Maghanap ng phrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type words in English or Filipino. Enter copies the first phrase; Esc clears.</source>
        <translation>Mag-type sa English o Filipino. Kinokopya ng Enter ang unang phrase; binubura ng Esc.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Results</source>
        <translation>Mga resulta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of results</source>
        <translation>Bilang ng resulta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Results, card and call tools</source>
        <translation>Mga resulta, card at call tools</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+112"/>
        <source>Call tools</source>
        <translation>Call tools</translation>
    </message>
    <message>
        <location line="-111"/>
        <source>Indexing progress</source>
        <translation>Progreso ng pag-index</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Knowledge base status</source>
        <translation>Status ng knowledge base</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>&amp;I-edit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy phrase</source>
        <translation>Kopyahin ang phrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy phrase from the right column</source>
        <translation>Kopyahin ang phrase mula sa kanang column</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>&amp;Tingnan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>Wika</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cards</source>
        <translation>Mga card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>&amp;Tulong</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search</source>
        <translation>Maghanap</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trainer mode…</source>
        <translation>Trainer mode…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>Lumabas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pin or unpin card</source>
        <translation>I-pin o i-unpin ang card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy first phrase	Enter</source>
        <translation>Kopyahin ang unang phrase	Enter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next step</source>
        <translation>Susunod na hakbang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous step</source>
        <translation>Naunang hakbang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bigger text</source>
        <translation>Palakihin ang text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Smaller text</source>
        <translation>Paliitin ang text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Normal text size</source>
        <translation>Normal na laki ng text</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Knowledge base problems…</source>
        <translation>Mga problema sa knowledge base…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>English and Filipino</source>
        <translation>English at Filipino</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English only</source>
        <translation>English lang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filipino only</source>
        <translation>Filipino lang</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+2"/>
        <source>Phrase %1</source>
        <translation>Phrase %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show or hide Kalma</source>
        <translation>Ipakita o itago ang Kalma</translation>
    </message>
</context>
<context>
    <name>MetaForm</name>
    <message>
        <location filename="../desktop/ui/trainer/form.py" line="+88"/>
        <source>Title</source>
        <translation>Pamagat</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stage</source>
        <translation>Yugto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tags</source>
        <translation>Mga tag</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review by</source>
        <translation>I-review bago ang</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Owner</source>
        <translation>May-ari</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Phone</source>
        <translation>Telepono</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any channel</source>
        <translation>Kahit anong channel</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>set</source>
        <translation>itakda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draft (not reviewed yet; lint warns until unticked)</source>
        <translation>Draft (hindi pa nare-review; magbababala ang lint hangga&apos;t naka-check)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Short title shown in results</source>
        <translation>Maikling pamagat na makikita sa resulta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who maintains this card</source>
        <translation>Sino ang nag-aasikaso sa card na ito</translation>
    </message>
    <message>
        <location line="+39"/>
        <location line="+29"/>
        <source>{0} (unknown)</source>
        <translation>{0} (hindi kilala)</translation>
    </message>
</context>
<context>
    <name>MiniWindow</name>
    <message>
        <location filename="../desktop/ui/mini_window.py" line="+105"/>
        <source>Copied: %1</source>
        <translation>Nakopya: %1</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Kalma mini</source>
        <translation>Kalma mini</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search… Enter copies</source>
        <translation>Maghanap… Enter para kopyahin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search phrases</source>
        <translation>Maghanap ng phrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top results</source>
        <translation>Nangungunang resulta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Full window</source>
        <translation>Buong window</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the full window (Ctrl+M)</source>
        <translation>Bumalik sa buong window (Ctrl+M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the full window</source>
        <translation>Bumalik sa buong window</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy confirmation</source>
        <translation>Kumpirmasyon ng pagkopya</translation>
    </message>
</context>
<context>
    <name>NewCardDialog</name>
    <message>
        <location filename="../desktop/ui/trainer/dialogs.py" line="+71"/>
        <source>New card</source>
        <translation>Bagong card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>Pamagat</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Language</source>
        <translation>Wika</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stage</source>
        <translation>Yugto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tags</source>
        <translation>Mga tag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Review by</source>
        <translation>I-review bago ang</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Owner</source>
        <translation>May-ari</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Phone</source>
        <translation>Telepono</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any channel</source>
        <translation>Kahit anong channel</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filipino</source>
        <translation>Filipino</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file name and id come from the title. The card starts as a draft with TODO lines to replace; untick Draft when it is ready.</source>
        <translation>Galing sa pamagat ang pangalan ng file at id. Magsisimula ang card bilang draft na may mga TODO na papalitan; alisin ang check sa Draft kapag handa na.</translation>
    </message>
</context>
<context>
    <name>PhraseRows</name>
    <message>
        <location filename="../desktop/ui/trainer/form.py" line="+82"/>
        <source>Phrases to say (one row each; double-click to edit)</source>
        <translation>Mga phrase na sasabihin (isa bawat row; i-double-click para i-edit)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add phrase</source>
        <translation>Magdagdag ng phrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move up</source>
        <translation>Itaas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move down</source>
        <translation>Ibaba</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>Tanggalin</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>New phrase</source>
        <translation>Bagong phrase</translation>
    </message>
</context>
<context>
    <name>PhraseView</name>
    <message>
        <location filename="../desktop/ui/call_tools.py" line="-496"/>
        <source>Copy</source>
        <translation>Kopyahin</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>EN</source>
        <translation>EN</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>FIL</source>
        <translation>FIL</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy phrase (English)</source>
        <translation>Kopyahin ang phrase (English)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy phrase (Filipino)</source>
        <translation>Kopyahin ang phrase (Filipino)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy phrase</source>
        <translation>Kopyahin ang phrase</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <location filename="../desktop/ui/results.py" line="+270"/>
        <source>Guide</source>
        <translation>Gabay</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>pinned</source>
        <translation>naka-pin</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <location filename="../desktop/ui/trainer/panels.py" line="+19"/>
        <source>Review by</source>
        <translation>I-review bago ang</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Card</source>
        <translation>Card</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Language</source>
        <translation>Wika</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%n card(s) past their review date</source>
        <translation>
            <numerusform>%n card ang lampas na sa petsa ng review</numerusform>
            <numerusform>%n card ang lampas na sa petsa ng review</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrainerAccess</name>
    <message>
        <location filename="../desktop/ui/trainer/__init__.py" line="+24"/>
        <source>Trainer mode is turned off on this computer (in the settings or by IT).</source>
        <translation>Naka-off ang trainer mode sa computer na ito (sa settings o ng IT).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The knowledge-base folder was not found: {0}</source>
        <translation>Hindi nakita ang folder ng knowledge base: {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The knowledge-base folder is read-only for you, so it cannot be edited here: {0}. Ask IT for write access, or edit a copy of the folder.</source>
        <translation>Read-only para sa iyo ang folder ng knowledge base, kaya hindi ito mae-edit dito: {0}. Humingi ng write access sa IT, o mag-edit ng kopya ng folder.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Trainer mode</source>
        <translation>Trainer mode</translation>
    </message>
</context>
<context>
    <name>TrainerWindow</name>
    <message>
        <location filename="../desktop/ui/trainer/window.py" line="+158"/>
        <source>Kalma trainer — {0}[*]</source>
        <translation>Kalma trainer — {0}[*]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>&amp;I-edit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Card</source>
        <translation>&amp;Card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>&amp;Tingnan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New card…</source>
        <translation>&amp;Bagong card…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save</source>
        <translation>I-&amp;save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import documents…</source>
        <translation>&amp;Mag-import ng dokumento…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export handbook…</source>
        <translation>Mag-&amp;export ng handbook…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Close trainer</source>
        <translation>&amp;Isara ang trainer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation>I-&amp;undo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Redo</source>
        <translation>I-&amp;redo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create &amp;translation</source>
        <translation>Gumawa ng &amp;salin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Mark translation up to date</source>
        <translation>&amp;Markahang updated ang salin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;load from disk</source>
        <translation>I-re&amp;load mula sa disk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lint</source>
        <translation>Lint</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Review dates</source>
        <translation>Mga petsa ng review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search gaps</source>
        <translation>Mga search gap</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Unsaved changes</source>
        <translation>Mga pagbabagong hindi pa naka-save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This card has changes that are not saved.</source>
        <translation>May mga pagbabago sa card na ito na hindi pa naka-save.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Import documents as draft cards</source>
        <translation>I-import ang mga dokumento bilang draft na card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Documents ({0})</source>
        <translation>Mga dokumento ({0})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export handbook</source>
        <translation>I-export ang handbook</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Web page (*.html)</source>
        <translation>Web page (*.html)</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Could not read the KB: {0}</source>
        <translation>Hindi mabasa ang KB: {0}</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>This file cannot be edited here: {0}</source>
        <translation>Hindi mae-edit dito ang file na ito: {0}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Not saved</source>
        <translation>Hindi na-save</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Could not save {0}: {1}</source>
        <translation>Hindi ma-save ang {0}: {1}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved {0}</source>
        <translation>Na-save ang {0}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{0} is not a card; open it in a text editor (line {1}).</source>
        <translation>Hindi card ang {0}; buksan ito sa text editor (linya {1}).</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Translation not created</source>
        <translation>Hindi nagawa ang salin</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Card not created</source>
        <translation>Hindi nagawa ang card</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Import failed</source>
        <translation>Pumalya ang pag-import</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n draft card(s) created.</source>
        <translation>
            <numerusform>Nakagawa ng %n draft na card.</numerusform>
            <numerusform>Nakagawa ng %n draft na card.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skipped {0}: {1}</source>
        <translation>Nilaktawan ang {0}: {1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Export failed</source>
        <translation>Pumalya ang pag-export</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Handbook written to {0} ({1} cards)</source>
        <translation>Naisulat ang handbook sa {0} ({1} card)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clear search gaps</source>
        <translation>Burahin ang mga search gap</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the search-gap log on this computer?</source>
        <translation>Burahin ang search-gap log sa computer na ito?</translation>
    </message>
</context>
</TS>
